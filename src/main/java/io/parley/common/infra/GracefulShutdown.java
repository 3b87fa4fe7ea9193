package io.parley.common.infra;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.KafkaConnector;

/**
 * The order of a stop, so nothing in flight meets a closed pool. Quarkus first lets HTTP requests in flight finish
 * ({@code quarkus.shutdown.timeout}); then, at {@link ShutdownEvent}, while the database pools are still open, this:
 * <ol>
 * <li>stops background rounds (routing, outbox relay, presence, push delivery: {@link CoalescedTask}) from starting
 * again;</li>
 * <li>closes the Kafka consumers gracefully: records already fetched are processed and their offsets committed, then
 * the producers are flushed (the connector's own close, which Quarkus would otherwise run only after the pools have
 * closed, so records still in flight failed with "Pool closed" and the close waited out its timeout);</li>
 * <li>waits for background rounds still running.</li>
 * </ol>
 * Only then do the pools close. What is not done by then (an outbox record not yet relayed, a waiting conversation not
 * yet routed) is durable and is picked up at the next start.
 */
@ApplicationScoped
class GracefulShutdown {

    private static final Logger LOG = Logger.getLogger(GracefulShutdown.class);
    private static final Duration ROUNDS_WAIT = Duration.ofSeconds(10);

    private final Instance<KafkaConnector> kafka;

    GracefulShutdown(@Connector(KafkaConnector.CONNECTOR_NAME) Instance<KafkaConnector> kafka) {
        this.kafka = kafka;
    }

    void started(@Observes @Priority(0) StartupEvent event) {
        CoalescedTask.resumeAll();
    }

    void drain(@Observes @Priority(1) ShutdownEvent event) throws InterruptedException {
        long started = System.nanoTime();
        CoalescedTask.stopAll(Duration.ZERO);
        if (kafka.isResolvable()) {
            kafka.get().terminate(event);
        }
        boolean idle = CoalescedTask.stopAll(ROUNDS_WAIT);
        LOG.infof("Kafka consumers and producers closed, background rounds %s, in %d ms",
                idle ? "finished" : "still running after " + ROUNDS_WAIT.toSeconds() + " s",
                (System.nanoTime() - started) / 1_000_000);
    }
}
