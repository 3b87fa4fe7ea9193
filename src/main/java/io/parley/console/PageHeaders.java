package io.parley.console;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Security headers of the pages Parley serves itself: the operator console ({@code /console/}) and the widget's files
 * ({@code /widget/}). Both run only their own files (no inline script or style, nothing evaluated), talk only to
 * Parley and, for the console, to the OIDC issuer, and may not be framed by another site (clickjacking). Images and
 * media may come from https URLs, since customers' attachments live at the providers. The widget adds its own
 * stylesheet element, so its pages allow inline styles (never inline scripts).
 */
@ApplicationScoped
class PageHeaders {

    private static final String WIDGET_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data: https:; connect-src 'self'; object-src 'none'; base-uri 'none';"
            + " frame-ancestors 'none'";

    private final String consolePolicy;

    PageHeaders(ConsoleConfig config) {
        String issuer = config.issuerUrl().map(PageHeaders::origin).orElse("");
        this.consolePolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:"
                + " https:; media-src 'self' blob: https:; connect-src 'self' ws: wss:" + issuer
                + "; form-action 'self'" + issuer + "; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
    }

    void install(@Observes Router router) {
        router.route("/console/*").order(Integer.MIN_VALUE).handler(ctx -> secure(ctx, consolePolicy));
        router.route("/widget/*").order(Integer.MIN_VALUE).handler(ctx -> secure(ctx, WIDGET_POLICY));
    }

    private static void secure(RoutingContext ctx, String policy) {
        ctx.response().putHeader("Content-Security-Policy", policy).putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY").putHeader("Referrer-Policy", "no-referrer");
        ctx.next();
    }

    /** " https://host:port" of an absolute issuer URL; nothing for a path on Parley's own origin. */
    private static String origin(String issuer) {
        URI uri = URI.create(issuer);
        if (uri.getScheme() == null || uri.getHost() == null) {
            return "";
        }
        return " " + uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
