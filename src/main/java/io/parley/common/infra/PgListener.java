package io.parley.common.infra;

import java.util.Optional;
import java.util.function.Consumer;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

/**
 * One PostgreSQL LISTEN connection for the whole instance; features subscribe to channels their triggers NOTIFY on
 * commit (the outbox, the routing loop) and are woken at once. Periodic sweeps cover any missed notification.
 */
@ApplicationScoped
public class PgListener {

    private static final Logger LOG = Logger.getLogger(PgListener.class);

    private final PgSubscriber subscriber;

    PgListener(Vertx vertx, @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        PgConnectOptions options = PgConnectOptions.fromUri(url).setUser(user).setPassword(password.orElse(""));
        this.subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1_000L);
    }

    /** Calls {@code onNotify} whenever {@code channel} is notified (register during start-up). */
    public void listen(String channel, Runnable onNotify) {
        subscriber.channel(channel).handler(payload -> onNotify.run());
    }

    /** Calls {@code onPayload} with each notification's payload on {@code channel} (register during start-up). */
    public void listen(String channel, Consumer<String> onPayload) {
        subscriber.channel(channel).handler(onPayload::accept);
    }

    /** After every feature registered its channels. */
    void connect(@Observes @Priority(5000) StartupEvent event) {
        subscriber.connect().subscribe().with(ok -> LOG.debug("Listening for database notifications"),
                failure -> LOG.warnf("Notifications unavailable, relying on sweeps: %s", failure.getMessage()));
    }

    void stop(@Observes ShutdownEvent event) {
        subscriber.closeAndAwait();
    }
}
