package io.parley.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/** Topics: conversations per category over time, spam share, and the top categories per channel and per queue. */
@ApplicationScoped
class TopicReport {

    private static final int TOP = 10;

    /** One category ({@code ""}: none) in one period. */
    record TopicRow(String period, String category, long conversations, long spam, Double spamShare) {
    }

    /** A category's rank within a channel type or queue over the whole range. */
    record Top(String within, String category, long conversations) {
    }

    /** The report; {@code resolutions}: conversations per wrap-up resolution code over the whole range. */
    record Report(List<TopicRow> rows, List<Top> topByChannel, List<Top> topByQueue, Map<String, Long> resolutions) {
    }

    private final Pool pool;

    TopicReport(Pool pool) {
        this.pool = pool;
    }

    Uni<Report> report(ReportFilter filter) {
        Params p = new Params();
        String sql = "SELECT " + Sources.period(filter, p, "r.bucket") + " AS period, r.category, "
                + Rows.sums("opened", "spam") + " FROM " + Sources.topics(filter, p)
                + " GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2";
        return pool.preparedQuery(sql).execute(p.tuple()).map(rows -> {
            List<TopicRow> result = new ArrayList<>();
            for (Row row : rows) {
                long opened = Rows.count(row, "opened");
                long spam = Rows.count(row, "spam");
                result.add(new TopicRow(row.getString("period"), row.getString("category"), opened, spam,
                        Rows.ratio(spam, opened)));
            }
            return result;
        }).chain(rows -> top(filter, "r.channel_type").chain(byChannel -> top(filter, "r.queue")
                .chain(byQueue -> resolutions(filter).map(codes -> new Report(rows, byChannel, byQueue, codes)))));
    }

    private Uni<Map<String, Long>> resolutions(ReportFilter filter) {
        Params p = new Params();
        String sql = "SELECT r.resolution, sum(r.conversations) AS n FROM " + Sources.resolutions(filter, p)
                + " GROUP BY 1 ORDER BY 2 DESC, 1";
        return pool.preparedQuery(sql).execute(p.tuple()).map(rows -> {
            Map<String, Long> codes = new LinkedHashMap<>();
            for (Row row : rows) {
                codes.put(row.getString("resolution"), Rows.count(row, "n"));
            }
            return codes;
        });
    }

    private Uni<List<Top>> top(ReportFilter filter, String within) {
        Params p = new Params();
        String sql = "SELECT " + within + " AS within, r.category, sum(r.opened) AS n FROM "
                + Sources.topics(filter, p) + " AND r.category <> '' GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2";
        return pool.preparedQuery(sql).execute(p.tuple()).map(rows -> {
            Map<String, List<Top>> grouped = new LinkedHashMap<>();
            for (Row row : rows) {
                List<Top> list = grouped.computeIfAbsent(row.getString("within"), k -> new ArrayList<>());
                if (list.size() < TOP) {
                    list.add(new Top(row.getString("within"), row.getString("category"), Rows.count(row, "n")));
                }
            }
            return grouped.values().stream().flatMap(List::stream).toList();
        });
    }
}
