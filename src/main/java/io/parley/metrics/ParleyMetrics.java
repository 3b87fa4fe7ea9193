package io.parley.metrics;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The counters and timers the features record where things happen. Labels are bounded: channel type, queue id, a
 * failure kind or an outcome; never a customer, operator, session or channel id, and never free text. Instance-local:
 * Prometheus adds up the instances.
 */
@ApplicationScoped
public class ParleyMetrics {

    /** How an offer ended, or that it was made. */
    public enum OfferOutcome {
        MADE,
        ACCEPTED,
        DECLINED,
        EXPIRED,
        RESCINDED;

        String label() {
            return name().toLowerCase();
        }
    }

    private final MeterRegistry registry;
    private final Timer routingDecision;

    ParleyMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.routingDecision = Timer.builder("parley.routing.decision")
                .description("One routing transaction: lock a batch of waiting conversations, decide, write offers")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
    }

    /** A customer message was stored. */
    public void messageIn(String channelType) {
        registry.counter("parley.messages.in", "channel_type", channelType).increment();
    }

    /** A provider accepted a reply. */
    public void messageOut(String channelType) {
        registry.counter("parley.messages.out", "channel_type", channelType).increment();
    }

    /** A reply was given up on; {@code reason} is one of a few kinds (see {@link DeliveryFailure}). */
    public void deliveryFailure(String channelType, DeliveryFailure reason) {
        registry.counter("parley.delivery.failures", "channel_type", channelType, "reason", reason.label())
                .increment();
    }

    /** Offers made or ended, per queue. */
    public void offers(String queue, OfferOutcome outcome, int count) {
        if (count > 0) {
            registry.counter("parley.offers", "queue", queue, "outcome", outcome.label()).increment(count);
        }
    }

    /** A conversation's SLA target passed ({@code target}: first-response or resolution). */
    public void slaBreach(String queue, String target) {
        registry.counter("parley.sla.breaches", "queue", queue == null ? "none" : queue, "target", target)
                .increment();
    }

    /**
     * Creates a queue's offer and SLA counters at zero, so that the first offer or breach is an increase Prometheus
     * sees ({@code increase()} of a series that starts at 1 is 0).
     */
    void knownQueue(String queue) {
        for (OfferOutcome outcome : OfferOutcome.values()) {
            registry.counter("parley.offers", "queue", queue, "outcome", outcome.label());
        }
        registry.counter("parley.sla.breaches", "queue", queue, "target", "first-response");
        registry.counter("parley.sla.breaches", "queue", queue, "target", "resolution");
    }

    /** Records one routing transaction that took {@code nanos}. */
    public void routingDecision(long nanos) {
        routingDecision.record(Duration.ofNanos(nanos));
    }

    /** Why a reply was given up on: bounded kinds, never the provider's text. */
    public enum DeliveryFailure {
        RETRIES_EXHAUSTED,
        RATE_LIMITED,
        PERMANENT,
        CONTACT_UNREACHABLE,
        AUTHENTICATION,
        CHANNEL_DISABLED,
        CANNOT_SEND;

        String label() {
            return name().toLowerCase();
        }
    }
}
