package io.parley.embedded;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import io.parley.embedded.DevAuthorizationServer.AuthorizationRequest;
import io.parley.embedded.DevAuthorizationServer.OAuthError;
import io.parley.embedded.DevAuthorizationServer.Tokens;
import io.parley.security.PublicEndpoint;
import io.parley.security.Roles;
import io.quarkus.arc.profile.IfBuildProfile;

/**
 * A small OIDC provider for the embedded build ({@code ./parley run}): discovery, an authorize endpoint with a sign-in
 * form (subject and role, no password), and a token endpoint for the authorization-code grant with PKCE S256 and the
 * refresh-token grant. The console signs in here exactly as against a production identity provider. Never in a
 * production build.
 */
@Path("/dev/oidc")
@Singleton
@IfBuildProfile("embedded")
class DevOidcResource {

    private static final String REASON = "development OIDC provider; compiled only into the embedded build (./parley run)";
    private static final Set<String> ROLES = Set.of(Roles.OPERATOR, Roles.SUPERVISOR);

    private final DevAuthorizationServer server = new DevAuthorizationServer(Clock.systemUTC());

    @Context
    UriInfo uri;

    @GET
    @Path("/.well-known/openid-configuration")
    @PermitAll
    @PublicEndpoint(reason = REASON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> discovery() {
        String base = uri.getBaseUriBuilder().path("dev/oidc").build().toString();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", DevTokens.ISSUER);
        doc.put("authorization_endpoint", base + "/authorize");
        doc.put("token_endpoint", base + "/token");
        doc.put("end_session_endpoint", base + "/logout");
        doc.put("jwks_uri", base + "/jwks");
        doc.put("response_types_supported", List.of("code"));
        doc.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
        doc.put("code_challenge_methods_supported", List.of("S256"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("token_endpoint_auth_methods_supported", List.of("none"));
        return doc;
    }

    @GET
    @Path("/jwks")
    @PermitAll
    @PublicEndpoint(reason = REASON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> jwks() {
        return Map.of("keys", List.of(DevTokens.publicJwk()));
    }

    @GET
    @Path("/authorize")
    @PermitAll
    @PublicEndpoint(reason = REASON)
    @Produces(MediaType.TEXT_HTML)
    public Response authorize(@QueryParam("response_type") String responseType, @QueryParam("client_id") String clientId,
            @QueryParam("redirect_uri") String redirectUri, @QueryParam("scope") String scope,
            @QueryParam("state") String state, @QueryParam("nonce") String nonce,
            @QueryParam("code_challenge") String challenge, @QueryParam("code_challenge_method") String method) {
        try {
            AuthorizationRequest request = DevAuthorizationServer.validate(responseType, clientId, redirectUri, scope,
                    state, nonce, challenge, method, origin());
            return Response.ok(DevSignInPage.render(request)).build();
        } catch (OAuthError e) {
            return refused(e);
        }
    }

    @POST
    @Path("/authorize")
    @PermitAll
    @PublicEndpoint(reason = REASON)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("subject") String subject, @FormParam("role") String role,
            @FormParam("client_id") String clientId, @FormParam("redirect_uri") String redirectUri,
            @FormParam("scope") String scope, @FormParam("state") String state, @FormParam("nonce") String nonce,
            @FormParam("code_challenge") String challenge) {
        try {
            AuthorizationRequest request = DevAuthorizationServer.validate("code", clientId, redirectUri, scope, state,
                    nonce, challenge, "S256", origin());
            if (subject == null || subject.isBlank() || !ROLES.contains(role)) {
                throw new OAuthError("invalid_request", "a subject and one of the roles " + ROLES + " are needed");
            }
            String code = server.issueCode(request, subject.strip(), List.of(role));
            UriBuilder back = UriBuilder.fromUri(redirectUri).queryParam("code", code);
            if (state != null) {
                back.queryParam("state", state);
            }
            return Response.seeOther(back.build()).build();
        } catch (OAuthError e) {
            return refused(e);
        }
    }

    @POST
    @Path("/token")
    @PermitAll
    @PublicEndpoint(reason = REASON)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(@FormParam("grant_type") String grantType, @FormParam("code") String code,
            @FormParam("code_verifier") String verifier, @FormParam("redirect_uri") String redirectUri,
            @FormParam("client_id") String clientId, @FormParam("refresh_token") String refreshToken) {
        try {
            Tokens tokens = switch (grantType == null ? "" : grantType) {
                case "authorization_code" -> server.exchange(code, verifier, clientId, redirectUri);
                case "refresh_token" -> server.refresh(refreshToken, clientId);
                default ->
                    throw new OAuthError("unsupported_grant_type", "grant_type must be authorization_code or refresh_token");
            };
            return Response.ok(Map.of("access_token", tokens.accessToken(), "id_token", tokens.idToken(),
                    "refresh_token", tokens.refreshToken(), "token_type", "Bearer", "expires_in", tokens.expiresIn()))
                    .header("Cache-Control", "no-store").build();
        } catch (OAuthError e) {
            return Response.status(400).entity(Map.of("error", e.error, "error_description", e.getMessage()))
                    .header("Cache-Control", "no-store").build();
        }
    }

    @GET
    @Path("/logout")
    @PermitAll
    @PublicEndpoint(reason = REASON)
    @Produces(MediaType.TEXT_PLAIN)
    public Response logout(@QueryParam("post_logout_redirect_uri") String redirectUri) {
        if (redirectUri != null && redirectUri.startsWith(origin() + "/")) {
            return Response.seeOther(URI.create(redirectUri)).build();
        }
        return Response.ok("Signed out of the development provider.").build();
    }

    /** A refused sign-in request: a plain 400 page, since the redirect URI cannot be trusted yet. */
    private static Response refused(OAuthError e) {
        return Response.status(400).type(MediaType.TEXT_PLAIN).entity(e.error + ": " + e.getMessage()).build();
    }

    private String origin() {
        URI base = uri.getBaseUri();
        return base.getScheme() + "://" + base.getAuthority();
    }
}
