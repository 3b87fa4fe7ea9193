package io.parley.reports;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/** Queues: incoming, answered, abandoned, waits, service level, transfers, reopen rate; and who waits now. */
@ApplicationScoped
class QueueReport {

    /** One queue in one period. */
    record QueueRow(String period, String queue, long incoming, long answered, long abandoned, long transferredOut,
            Double reopenRate, Double serviceLevel, long slaBreaches, Durations waitToOffer,
            Durations waitToFirstReply) {
    }

    /** A queue now: conversations waiting and the longest wait so far, in seconds. */
    record Live(String queue, long waitingNow, Double longestWaitSeconds) {
    }

    /** The report. */
    record Report(List<QueueRow> rows, List<Live> live) {
    }

    private final Pool pool;

    QueueReport(Pool pool) {
        this.pool = pool;
    }

    Uni<Report> report(ReportFilter filter) {
        Params p = new Params();
        String sql = "SELECT " + Sources.period(filter, p, "r.bucket") + " AS period, r.queue, "
                + Rows.sums("incoming", "answered", "abandoned", "transferred", "reopened", "closed", "sla_eligible",
                        "sla_met", "sla_breached", "wait_offer_n", "wait_offer_sum", "wait_reply_n", "wait_reply_sum")
                + ", " + Rows.binSums("wo") + ", " + Rows.binSums("wr") + " FROM " + Sources.conversations(filter, p)
                + " AND r.queue <> '' GROUP BY 1, 2 ORDER BY 1, 2";
        return pool.preparedQuery(sql).execute(p.tuple()).map(rows -> {
            List<QueueRow> result = new ArrayList<>();
            for (Row row : rows) {
                result.add(row(row));
            }
            return result;
        }).chain(rows -> live(filter).map(live -> new Report(rows, live)));
    }

    private static QueueRow row(Row row) {
        return new QueueRow(row.getString("period"), row.getString("queue"), Rows.count(row, "incoming"),
                Rows.count(row, "answered"), Rows.count(row, "abandoned"), Rows.count(row, "transferred"),
                Rows.ratio(Rows.count(row, "reopened"), Rows.count(row, "closed")),
                Rows.ratio(Rows.count(row, "sla_met"), Rows.count(row, "sla_eligible")),
                Rows.count(row, "sla_breached"), Durations.of(row, "wait_offer", "wo"),
                Durations.of(row, "wait_reply", "wr"));
    }

    private Uni<List<Live>> live(ReportFilter filter) {
        Params p = new Params();
        String sql = "SELECT queue, count(*) AS waiting, extract(epoch FROM now() - min(entered_at)) AS longest"
                + " FROM routing_tasks WHERE state = 'WAITING' AND queue IS NOT NULL"
                + Sources.equal("queue", filter.queue(), p) + " GROUP BY queue ORDER BY queue";
        return pool.preparedQuery(sql).execute(p.tuple()).map(rows -> {
            List<Live> live = new ArrayList<>();
            for (Row row : rows) {
                live.add(new Live(row.getString("queue"), Rows.count(row, "waiting"),
                        Rows.round(Rows.number(row, "longest"))));
            }
            return live;
        });
    }
}
