package io.parley.conversation;

import java.time.OffsetDateTime;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.VertxContextSupport;

/** Lets tests of other features close idle sessions as the inactivity sweep would. */
public final class IdleSessions {

    private IdleSessions() {
    }

    /** Closes the sessions idle longer than the inactivity timeout as of {@code now}; returns how many. */
    public static int closeAsOf(OffsetDateTime now) throws Throwable {
        InactivitySweeper sweeper = Arc.container().instance(InactivitySweeper.class).get();
        return VertxContextSupport.subscribeAndAwait(() -> sweeper.closeIdle(now));
    }
}
