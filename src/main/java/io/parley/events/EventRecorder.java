package io.parley.events;

import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Something that keeps its own record of published events in the same transaction as the event (e.g. the reporting
 * facts). Called by {@link EventPublisher} after the outbox write; a failure fails the caller's transaction.
 */
public interface EventRecorder {

    /** Records events published inside the caller's Hibernate Reactive transaction. */
    Uni<Void> record(EventPublisher.Pending event);

    /** Records events published inside a transaction on a plain SQL connection. */
    Uni<Void> record(SqlConnection connection, List<EventPublisher.Pending> events);
}
