package io.parley.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Closes the connection of a request whose body has not fully arrived within {@code parley.abuse.body-timeout}, so
 * that clients trickling bodies cannot hold connections. Connections that send nothing at all are closed by
 * {@code quarkus.http.idle-timeout}.
 */
@ApplicationScoped
class SlowBodies {

    private final Vertx vertx;
    private final long timeoutMillis;

    SlowBodies(Vertx vertx, AbuseConfig config) {
        this.vertx = vertx;
        this.timeoutMillis = config.bodyTimeout().toMillis();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::deadline);
    }

    private void deadline(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!request.isEnded()) {
            long timer = vertx.setTimer(timeoutMillis, ignored -> {
                if (!request.isEnded() && request.connection() != null) {
                    request.connection().close();
                }
            });
            ctx.addEndHandler(ignored -> vertx.cancelTimer(timer));
        }
        ctx.next();
    }
}
