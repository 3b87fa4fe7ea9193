package io.parley.reports;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Operators: conversations handled, first-response and handle times, offers and their outcomes, time per status, time
 * with 1..n conversations at once, occupancy and average concurrency.
 */
@ApplicationScoped
class OperatorReport {

    /** An operator's offers: made, accepted, declined, missed (expired) and withdrawn (rescinded). */
    record Offers(long made, long accepted, long declined, long missed, long rescinded) {
    }

    /**
     * One operator in one period. {@code csat} stays {@code null} until customer feedback is collected. Seconds per
     * status and per number of conversations held (1..n) are rounded to milliseconds.
     */
    record OperatorRow(String period, String operator, long handled, Durations firstResponse, Durations handleTime,
            Offers offers, Map<String, Double> statusSeconds, Map<Integer, Double> loadSeconds, Double occupancy,
            Double averageConcurrency, Double csat) {
    }

    /** The report. */
    record Report(List<OperatorRow> rows) {
    }

    private final Pool pool;

    OperatorReport(Pool pool) {
        this.pool = pool;
    }

    Uni<Report> report(ReportFilter filter) {
        Map<String, OperatorRows.Builder> rows = new TreeMap<>();
        return conversations(filter, rows).chain(() -> offers(filter, rows)).chain(() -> states(filter, rows))
                .map(ignored -> new Report(rows.values().stream().map(OperatorRows.Builder::build).toList()));
    }

    private Uni<Void> conversations(ReportFilter filter, Map<String, OperatorRows.Builder> rows) {
        Params p = new Params();
        String sql = "SELECT " + Sources.period(filter, p, "r.bucket") + " AS period, r.operator, "
                + Rows.sums("handled", "first_response_n", "first_response_sum", "handle_n", "handle_sum")
                + " FROM " + Sources.operators(filter, p) + " GROUP BY 1, 2";
        return pool.preparedQuery(sql).execute(p.tuple()).invoke(result -> {
            for (Row row : result) {
                OperatorRows.of(rows, row).conversations(row);
            }
        }).replaceWithVoid();
    }

    private Uni<Void> offers(ReportFilter filter, Map<String, OperatorRows.Builder> rows) {
        Params p = new Params();
        String sql = "SELECT " + Sources.period(filter, p, "r.bucket") + " AS period, r.operator, "
                + Rows.sums("made", "accepted", "declined", "expired", "rescinded") + " FROM report_offers_hourly r"
                + " WHERE r.bucket >= " + p.add(filter.from().atOffset(ZoneOffset.UTC)) + " AND r.bucket < "
                + p.add(filter.to().atOffset(ZoneOffset.UTC)) + Sources.equal("r.queue", filter.queue(), p)
                + Sources.who("r.operator", filter, p) + " GROUP BY 1, 2";
        return pool.preparedQuery(sql).execute(p.tuple()).invoke(result -> {
            for (Row row : result) {
                OperatorRows.of(rows, row).offers(row);
            }
        }).replaceWithVoid();
    }

    /** Time per status and number of conversations held, from the hourly cuts of the state intervals. */
    private Uni<Void> states(ReportFilter filter, Map<String, OperatorRows.Builder> rows) {
        Params p = new Params();
        String sql = "SELECT " + Sources.period(filter, p, "r.bucket") + " AS period, r.operator, r.status, r.load,"
                + " sum(r.seconds) AS seconds FROM report_operator_states_hourly r WHERE r.bucket >= "
                + p.add(filter.from().atOffset(ZoneOffset.UTC)) + " AND r.bucket < "
                + p.add(filter.to().atOffset(ZoneOffset.UTC)) + Sources.who("r.operator", filter, p)
                + " GROUP BY 1, 2, 3, 4";
        return pool.preparedQuery(sql).execute(p.tuple()).invoke(result -> {
            for (Row row : result) {
                OperatorRows.of(rows, row).state(row.getString("status"), row.getInteger("load"),
                        Rows.number(row, "seconds"));
            }
        }).replaceWithVoid();
    }
}
