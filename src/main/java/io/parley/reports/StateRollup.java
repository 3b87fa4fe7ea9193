package io.parley.reports;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Recomputes {@code report_operator_states_hourly} inside the rollup refresh: the hours spanned by intervals changed
 * since the last refresh (less the margin), and the hours since then (open intervals keep growing), cut at {@code now}.
 */
final class StateRollup {

    private static final String HOUR = "date_trunc('hour', (%s) AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'";

    private static final String SINCE = "(SELECT refreshed_at FROM report_rollup_state WHERE name = 'hourly')";

    private static final String DIRTY = "SELECT DISTINCT h FROM ("
            + "SELECT generate_series(" + HOUR.formatted("i.started_at") + ", coalesce(i.ended_at, $1),"
            + " interval '1 hour') AS h FROM operator_state_intervals i WHERE i.changed_at > " + SINCE + " - %1$s"
            + " UNION ALL SELECT generate_series(" + HOUR.formatted(SINCE + " - %1$s") + ", $1, interval '1 hour')"
            + " WHERE isfinite(" + SINCE + ")) d WHERE h <= $1";

    private static final String SECONDS = "extract(epoch FROM least(coalesce(i.ended_at, $2), g.h + interval '1 hour')"
            + " - greatest(i.started_at, g.h))";

    /** Each interval reaching into the range is cut into the hours it spans; the dirty ones are kept (a hash join). */
    private static final String SPLIT = "INSERT INTO report_operator_states_hourly (bucket, operator, status, load,"
            + " seconds) SELECT g.h, i.subject, i.status, i.load, sum(" + SECONDS + ")"
            + " FROM operator_state_intervals i CROSS JOIN LATERAL generate_series(" + HOUR.formatted("i.started_at")
            + ", coalesce(i.ended_at, $2), interval '1 hour') AS g(h) JOIN unnest($1::timestamptz[]) AS b(h) ON b.h = g.h"
            + " WHERE coalesce(i.ended_at, 'infinity') > $3 AND i.started_at < $4"
            + " GROUP BY 1, 2, 3, 4 HAVING sum(" + SECONDS + ") > 0";

    /** Recomputes the dirty hours as of {@code now}; {@code margin} is an SQL interval. */
    static Uni<Void> refresh(SqlConnection c, OffsetDateTime now, String margin) {
        return c.preparedQuery(DIRTY.formatted(margin)).execute(Tuple.of(now))
                .chain(rows -> {
                    List<OffsetDateTime> hours = new ArrayList<>();
                    for (Row row : rows) {
                        hours.add(row.getOffsetDateTime("h"));
                    }
                    return hours.isEmpty() ? Uni.createFrom().voidItem() : split(c, hours, now);
                });
    }

    private static Uni<Void> split(SqlConnection c, List<OffsetDateTime> hours, OffsetDateTime now) {
        OffsetDateTime first = hours.stream().min(OffsetDateTime::compareTo).orElseThrow();
        OffsetDateTime last = hours.stream().max(OffsetDateTime::compareTo).orElseThrow().plusHours(1);
        OffsetDateTime[] buckets = hours.toArray(OffsetDateTime[]::new);
        return c.preparedQuery("DELETE FROM report_operator_states_hourly WHERE bucket = ANY ($1)")
                .execute(Tuple.of(buckets))
                .chain(() -> c.preparedQuery(SPLIT).execute(Tuple.of(buckets, now, first, last)))
                .replaceWithVoid();
    }

    private StateRollup() {
    }
}
