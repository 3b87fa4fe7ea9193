package io.parley.reports;

import java.util.Map;
import java.util.TreeMap;

import io.vertx.mutiny.sqlclient.Row;

/** Assembles operator rows from the three queries of {@link OperatorReport}. */
final class OperatorRows {

    /** The builder of the row with the period and operator of {@code row}. */
    static Builder of(Map<String, Builder> rows, Row row) {
        String period = row.getString("period");
        String operator = row.getString("operator");
        return rows.computeIfAbsent(period + '\u0000' + operator, k -> new Builder(period, operator));
    }

    /** One row under construction. */
    static final class Builder {

        private final String period;
        private final String operator;
        private long handled;
        private Durations firstResponse = new Durations(0, null, null, null);
        private Durations handleTime = new Durations(0, null, null, null);
        private OperatorReport.Offers offers = new OperatorReport.Offers(0, 0, 0, 0, 0);
        private final Map<String, Double> statusSeconds = new TreeMap<>();
        private final Map<Integer, Double> loadSeconds = new TreeMap<>();
        private double working;
        private double workingWithConversations;
        private double holding;
        private double held;

        Builder(String period, String operator) {
            this.period = period;
            this.operator = operator;
        }

        void conversations(Row row) {
            handled = Rows.count(row, "handled");
            firstResponse = Durations.average(row, "first_response");
            handleTime = Durations.average(row, "handle");
        }

        void offers(Row row) {
            offers = new OperatorReport.Offers(Rows.count(row, "made"), Rows.count(row, "accepted"),
                    Rows.count(row, "declined"), Rows.count(row, "expired"), Rows.count(row, "rescinded"));
        }

        /** Time in {@code status} holding {@code load} conversations. */
        void state(String status, int load, double seconds) {
            statusSeconds.merge(status, seconds, Double::sum);
            if (load > 0) {
                loadSeconds.merge(load, seconds, Double::sum);
                holding += seconds;
                held += seconds * load;
            }
            if ("AVAILABLE".equals(status) || "BUSY".equals(status)) {
                working += seconds;
                if (load > 0) {
                    workingWithConversations += seconds;
                }
            }
        }

        OperatorReport.OperatorRow build() {
            statusSeconds.replaceAll((k, v) -> Rows.round(v));
            loadSeconds.replaceAll((k, v) -> Rows.round(v));
            return new OperatorReport.OperatorRow(period, operator, handled, firstResponse, handleTime, offers,
                    statusSeconds, loadSeconds, working == 0 ? null : Rows.round(workingWithConversations / working),
                    holding == 0 ? null : Rows.round(held / holding), null);
        }
    }

    private OperatorRows() {
    }
}
