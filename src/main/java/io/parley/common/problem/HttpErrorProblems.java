package io.parley.common.problem;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Problem+json for errors raised below the REST layer: unknown paths, bodies over the size limit, NUL in a URI, API
 * bodies that are not JSON, and authentication failures on non-REST routes. Errors from resources are handled by
 * {@link ProblemMappers}.
 */
@ApplicationScoped
class HttpErrorProblems {

    /** Runs after every other route: nothing matched the path. */
    private static final int LAST = 100_000_000;

    private final long maxBodySize;

    HttpErrorProblems(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBodySize = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::onFailure);
        router.route().order(Integer.MIN_VALUE).handler(this::rejectOversized);
        router.route().order(Integer.MIN_VALUE).handler(HttpErrorProblems::rejectNul);
        router.route("/api/*").order(Integer.MIN_VALUE).handler(HttpErrorProblems::requireJson);
        router.route().order(LAST).handler(ctx -> write(ctx, 404));
    }

    /** Refuses a declared body over the limit before anything reads it. */
    private void rejectOversized(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19
                && Long.parseLong(length) > maxBodySize) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            write(ctx, 413);
        } else {
            ctx.next();
        }
    }

    /**
     * Refuses a NUL in the path or query: no id, name or subject contains one, and PostgreSQL cannot store or compare
     * it.
     */
    private static void rejectNul(RoutingContext ctx) {
        String uri = ctx.request().uri();
        if (uri.indexOf('\0') >= 0 || uri.toLowerCase(Locale.ROOT).contains("%00")) {
            ctx.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(Json.encode(Problem.of(400, "Bad request", "The path or query contains a NUL character")));
        } else {
            ctx.next();
        }
    }

    /**
     * Every body the API takes is JSON: another declared type is 415 here, before a reader for it could try to build a
     * request record out of plain text. A bodiless POST or PUT is taken as an empty JSON body, whatever Content-Type it
     * declares (or none), so an endpoint with an optional body (closing a session) takes a bare POST from any client.
     */
    private static void requireJson(RoutingContext ctx) {
        String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean body = (length != null && !length.equals("0")) || ctx.request().headers().contains("Transfer-Encoding");
        String media = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (body && type != null && !media.equals("application/json") && !media.endsWith("+json")) {
            write(ctx, 415);
        } else {
            if (!body && (ctx.request().method() == HttpMethod.POST || ctx.request().method() == HttpMethod.PUT)) {
                ctx.request().headers().set(HttpHeaders.CONTENT_TYPE, "application/json");
            }
            ctx.next();
        }
    }

    private void onFailure(RoutingContext ctx) {
        int status = ctx.statusCode();
        if (status >= 400 && status < 500 && !ctx.response().headWritten()) {
            write(ctx, status);
        } else {
            ctx.next();
        }
    }

    private static void write(RoutingContext ctx, int status) {
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
        }
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Json.encode(HttpProblems.forStatus(status)));
    }
}
