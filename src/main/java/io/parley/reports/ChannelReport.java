package io.parley.reports;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/** Channels: conversations and messages, waits to the first reply and replies that could not be delivered. */
@ApplicationScoped
class ChannelReport {

    /** One channel type in one period. */
    record ChannelRow(String period, String channel, long conversations, long customerMessages,
            long operatorMessages, long deliveryFailures, Durations waitToFirstReply) {
    }

    /** The report. */
    record Report(List<ChannelRow> rows) {
    }

    private final Pool pool;

    ChannelReport(Pool pool) {
        this.pool = pool;
    }

    Uni<Report> report(ReportFilter filter) {
        Params p = new Params();
        String sql = "SELECT " + Sources.period(filter, p, "r.bucket") + " AS period, r.channel_type, "
                + Rows.sums("opened", "customer_messages", "operator_messages", "delivery_failures", "wait_reply_n",
                        "wait_reply_sum")
                + ", " + Rows.binSums("wr") + " FROM " + Sources.conversations(filter, p)
                + " GROUP BY 1, 2 ORDER BY 1, 2";
        return pool.preparedQuery(sql).execute(p.tuple()).map(rows -> {
            List<ChannelRow> result = new ArrayList<>();
            for (Row row : rows) {
                result.add(new ChannelRow(row.getString("period"), row.getString("channel_type"),
                        Rows.count(row, "opened"), Rows.count(row, "customer_messages"),
                        Rows.count(row, "operator_messages"), Rows.count(row, "delivery_failures"),
                        Durations.of(row, "wait_reply", "wr")));
            }
            return new Report(result);
        });
    }
}
