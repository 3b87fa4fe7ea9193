package io.parley.common.outbox;

import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Sees each batch of outbox records inside the relay's transaction, before they are sent and deleted: what it writes
 * on {@code connection} commits together with their removal from the outbox, so it sees every record exactly once,
 * in commit order. A failure rolls the batch back and the relay tries it again.
 */
public interface RelayObserver {

    Uni<Void> relaying(SqlConnection connection, List<Relayed> records);

    /**
     * One outbox record.
     *
     * @param cloudEvent whether {@code payload} is a CloudEvent in structured JSON
     */
    record Relayed(String topic, String key, String payload, boolean cloudEvent) {
    }
}
