package io.parley.routing.assignment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The assignment loop: offers, expiry, escalation. */
@ConfigMapping(prefix = "parley.routing.assignment")
public interface AssignmentConfig {

    /** How often waiting conversations and expired offers are looked at besides the immediate wake-ups. */
    @WithDefault("1s")
    String sweepInterval();

    /** Missed offers in a row after which an operator is set to BREAK ("not responding"). */
    @WithDefault("3")
    int missedOffersBeforeBreak();

    /** The share of an SLA target after which {@code sla.warning} is published. */
    @WithDefault("0.8")
    double slaWarningRatio();

    /** Added to a conversation's priority when it breaches its SLA, so it is served first. */
    @WithDefault("100")
    int slaBreachPriorityBoost();

    /** Waiting conversations decided at the same time within a round (each in its own transaction). */
    @WithDefault("8")
    int routingConcurrency();

    /** Waiting conversations routed per round, highest priority and longest waiting first. */
    @WithDefault("500")
    int batchSize();
}
