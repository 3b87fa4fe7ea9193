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

    /** Waiting conversations routed per round, highest priority and longest waiting first. */
    @WithDefault("500")
    int batchSize();
}
