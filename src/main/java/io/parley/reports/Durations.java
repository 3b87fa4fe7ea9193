package io.parley.reports;

import io.vertx.mutiny.sqlclient.Row;

/**
 * A duration measure in seconds: how many were measured, their average, and median and 90th percentile from the
 * histogram ({@link Histogram}); {@code null}s when nothing was measured.
 */
record Durations(long count, Double average, Double median, Double p90) {

    /** Sums and bin counts from columns {@code <name>_n}, {@code <name>_sum} and {@code <prefix>1..20}. */
    static Durations of(Row row, String name, String prefix) {
        long n = Rows.count(row, name + "_n");
        long[] bins = new long[Histogram.LOWER_BOUNDS.length];
        for (int i = 0; i < bins.length; i++) {
            bins[i] = Rows.count(row, prefix + (i + 1));
        }
        return new Durations(n, n == 0 ? null : Rows.round(Rows.number(row, name + "_sum") / n),
                Rows.round(Histogram.quantile(0.5, bins)), Rows.round(Histogram.quantile(0.9, bins)));
    }

    /** Without a histogram: count and average only. */
    static Durations average(Row row, String name) {
        long n = Rows.count(row, name + "_n");
        return new Durations(n, n == 0 ? null : Rows.round(Rows.number(row, name + "_sum") / n), null, null);
    }
}
