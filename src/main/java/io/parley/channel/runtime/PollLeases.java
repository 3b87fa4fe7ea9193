package io.parley.channel.runtime;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Who polls a channel, and its cursor ({@code channel_poll_state}). An instance holds a channel's lease until
 * {@code lease_until} and renews it before every poll; another instance takes a lease only once it has expired. The
 * cursor is written only by the lease holder (a holder that lost its lease cannot move the cursor back).
 */
@ApplicationScoped
class PollLeases {

    private static final String HOLD = """
            INSERT INTO channel_poll_state (channel_id, owner, lease_until, updated_at)
            VALUES ($1, $2, now() + make_interval(secs => $3), now())
            ON CONFLICT (channel_id) DO UPDATE SET owner = EXCLUDED.owner, lease_until = EXCLUDED.lease_until
                WHERE channel_poll_state.owner IS NULL OR channel_poll_state.owner = EXCLUDED.owner
                   OR channel_poll_state.lease_until < now()
            RETURNING cursor""";

    /** A held lease and the cursor to poll from ({@code null} before the first batch). */
    record Lease(String cursor) {
    }

    private final Pool pool;

    PollLeases(Pool pool) {
        this.pool = pool;
    }

    /** Takes or renews the lease for {@code ttl}; {@code null} when another instance holds it. */
    Uni<Lease> hold(UUID channelId, String owner, Duration ttl) {
        return pool.preparedQuery(HOLD).execute(Tuple.of(channelId, owner, ttl.toMillis() / 1000.0))
                .map(rows -> rows.iterator().hasNext() ? new Lease(rows.iterator().next().getString("cursor")) : null);
    }

    /** Stores the cursor after a batch is in Kafka; {@code false} when the lease was lost meanwhile. */
    Uni<Boolean> advance(UUID channelId, String owner, String cursor) {
        return pool.preparedQuery("UPDATE channel_poll_state SET cursor = $3, updated_at = now()"
                + " WHERE channel_id = $1 AND owner = $2").execute(Tuple.of(channelId, owner, cursor))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Gives the lease up so another instance may take it at once. */
    Uni<Void> release(UUID channelId, String owner) {
        return pool.preparedQuery("UPDATE channel_poll_state SET owner = NULL, lease_until = now()"
                + " WHERE channel_id = $1 AND owner = $2").execute(Tuple.of(channelId, owner)).replaceWithVoid();
    }
}
