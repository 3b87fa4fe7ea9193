package io.parley.reports;

import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * Records an operator's reply in the conversation's facts (count, and the first reply's time and author once the
 * conversation was queued), inside the reply's Hibernate Reactive transaction.
 */
@ApplicationScoped
public class ReplyFacts {

    private final InstantSource clock;
    private final ReportsConfig config;

    ReplyFacts(InstantSource clock, ReportsConfig config) {
        this.clock = clock;
        this.config = config;
    }

    /** The reply of {@code operator} in {@code sessionId}, stored in the current transaction. */
    public Uni<Void> replied(UUID sessionId, String operator) {
        return config.recordFacts() ? Sql.session().update(FactStatements.OPERATOR_MESSAGE, sessionId,
                OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), operator) : Uni.createFrom().voidItem();
    }
}
