package io.parley.reports;

import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Brings the hourly rollups up to date (conversations, resolutions, operators, and operator states by
 * {@link StateRollup}): every hour (of opening) that has a conversation whose facts changed since the
 * last refresh, less a margin for transactions still open then, is recomputed from the facts. One refresh at a time
 * across instances (the state row is locked).
 */
@ApplicationScoped
public class Rollups {

    /** Facts written by transactions that started this long before a refresh and committed after it are not missed. */
    private static final String MARGIN = "interval '5 minutes'";

    private static final String HOURS = "unnest($1::timestamptz[]) AS b(h) JOIN conversation_facts f"
            + " ON f.opened_at >= b.h AND f.opened_at < b.h + interval '1 hour'";

    private final Pool pool;
    private final InstantSource clock;

    Rollups(Pool pool, InstantSource clock) {
        this.pool = pool;
        this.clock = clock;
    }

    @Scheduled(every = "${parley.reports.rollup-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return refresh().replaceWithVoid();
    }

    /** Refreshes the rollups now; returns how many hours were recomputed. */
    public Uni<Integer> refresh() {
        return pool.withTransaction(c -> c.query("INSERT INTO report_rollup_state (name, refreshed_at)"
                + " VALUES ('hourly', '-infinity') ON CONFLICT (name) DO NOTHING").execute()
                .chain(() -> c.query("SELECT refreshed_at FROM report_rollup_state WHERE name = 'hourly' FOR UPDATE")
                        .execute())
                .chain(() -> c.query("SELECT DISTINCT " + RollupSql.HOUR + " AS h FROM conversation_facts f"
                        + " WHERE f.changed_at > (SELECT refreshed_at FROM report_rollup_state WHERE name = 'hourly') - "
                        + MARGIN).execute())
                .chain(rows -> {
                    List<OffsetDateTime> hours = new ArrayList<>();
                    for (Row row : rows) {
                        hours.add(row.getOffsetDateTime("h"));
                    }
                    return recompute(c, hours.toArray(OffsetDateTime[]::new)).replaceWith(hours.size());
                })
                .call(() -> StateRollup.refresh(c, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), MARGIN))
                .call(() -> c.query("UPDATE report_rollup_state SET refreshed_at = now() WHERE name = 'hourly'")
                        .execute()));
    }

    private static Uni<Void> recompute(SqlConnection c, OffsetDateTime[] hours) {
        if (hours.length == 0) {
            return Uni.createFrom().voidItem();
        }
        Tuple bucket = Tuple.of(hours);
        return c.preparedQuery("DELETE FROM report_conversations_hourly WHERE bucket = ANY ($1)").execute(bucket)
                .chain(() -> c.preparedQuery("INSERT INTO report_conversations_hourly (bucket, queue, channel_type,"
                        + " category, " + RollupSql.CONVERSATION_MEASURES + ") "
                        + RollupSql.conversations("FROM " + HOURS)).execute(bucket))
                .chain(() -> c.preparedQuery("DELETE FROM report_conversations_qc_hourly WHERE bucket = ANY ($1)")
                        .execute(bucket))
                .chain(() -> c.preparedQuery("INSERT INTO report_conversations_qc_hourly (bucket, queue, channel_type, "
                        + RollupSql.CONVERSATION_MEASURES + ") SELECT bucket, queue, channel_type, "
                        + RollupSql.sumsOf(RollupSql.CONVERSATION_MEASURES) + " FROM report_conversations_hourly"
                        + " WHERE bucket = ANY ($1) GROUP BY 1, 2, 3").execute(bucket))
                .chain(() -> c.preparedQuery("DELETE FROM report_topics_hourly WHERE bucket = ANY ($1)")
                        .execute(bucket))
                .chain(() -> c.preparedQuery("INSERT INTO report_topics_hourly SELECT bucket, queue, channel_type,"
                        + " category, opened, spam FROM report_conversations_hourly WHERE bucket = ANY ($1)")
                        .execute(bucket))
                .chain(() -> c.preparedQuery("DELETE FROM report_operators_hourly WHERE bucket = ANY ($1)")
                        .execute(bucket))
                .chain(() -> c.preparedQuery("INSERT INTO report_operators_hourly (bucket, operator, queue, "
                        + RollupSql.OPERATOR_MEASURES + ") " + RollupSql.operators("FROM " + HOURS)).execute(bucket))
                .chain(() -> c.preparedQuery("DELETE FROM report_resolutions_hourly WHERE bucket = ANY ($1)")
                        .execute(bucket))
                .chain(() -> c.preparedQuery("INSERT INTO report_resolutions_hourly (bucket, queue, channel_type,"
                        + " category, resolution, conversations) " + RollupSql.resolutions("FROM " + HOURS + " WHERE TRUE"))
                        .execute(bucket))
                .replaceWithVoid();
    }
}
