package io.parley.embedded;

import io.parley.embedded.DevAuthorizationServer.AuthorizationRequest;

/** The development provider's sign-in form: a subject and a role, no password. */
final class DevSignInPage {

    private DevSignInPage() {
    }

    static String render(AuthorizationRequest request) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Parley development sign-in</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <style>body{font:16px system-ui,sans-serif;max-width:24rem;margin:3rem auto}label{display:block;margin:.8rem 0}
                input,select{display:block;width:100%%;padding:.3rem;font:inherit}button{padding:.4rem 1rem;font:inherit}</style>
                </head><body>
                <h1>Development sign-in</h1>
                <p>This Parley runs with the development OIDC provider (<code>./parley run</code>): no password.</p>
                <form method="post" action="authorize">
                <label>Subject <input id="subject" name="subject" value="dev-operator" required autofocus></label>
                <label>Role <select id="role" name="role">
                <option value="operator">operator</option><option value="supervisor">supervisor</option></select></label>
                %s
                <button id="sign-in" type="submit">Sign in</button>
                </form></body></html>
                """
                .formatted(hidden("client_id", request.clientId()) + hidden("redirect_uri", request.redirectUri())
                        + hidden("scope", request.scope()) + hidden("state", request.state())
                        + hidden("nonce", request.nonce()) + hidden("code_challenge", request.codeChallenge()));
    }

    private static String hidden(String name, String value) {
        return value == null ? "" : "<input type=\"hidden\" name=\"" + name + "\" value=\"" + escape(value) + "\">";
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
