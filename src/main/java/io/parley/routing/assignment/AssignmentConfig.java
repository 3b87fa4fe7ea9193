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

    /**
     * Waiting conversations decided in one transaction: locked together, decided in memory, their effects written with
     * one pipelined statement per kind.
     */
    @WithDefault("100")
    int decisionsPerTransaction();

    /** Routing transactions of a round in flight at the same time, so deciding and writing overlap. */
    @WithDefault("2")
    int transactionsAtOnce();

    /**
     * Waiting conversations routed per round, highest priority and longest waiting first. Each round first reads the
     * queues and the whole team once, so larger rounds cost less per decision when a backlog builds up.
     */
    @WithDefault("2500")
    int batchSize();

    /**
     * How many of each queue's waiting conversations a round looks at (besides all not yet in a queue), so that one long
     * queue nobody can serve does not keep the others from being routed.
     */
    @WithDefault("100")
    int perQueueLookahead();
}
