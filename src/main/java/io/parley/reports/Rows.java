package io.parley.reports;

import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.vertx.mutiny.sqlclient.Row;

/** Reading report rows. */
final class Rows {

    static long count(Row row, String column) {
        Number value = (Number) row.getValue(column);
        return value == null ? 0 : value.longValue();
    }

    static double number(Row row, String column) {
        Number value = (Number) row.getValue(column);
        return value == null ? 0 : value.doubleValue();
    }

    /** {@code part / whole}, or {@code null} when the whole is zero. */
    static Double ratio(long part, long whole) {
        return whole == 0 ? null : round((double) part / whole);
    }

    /** Rounded to three decimals (milliseconds, or a tenth of a per cent). */
    static Double round(Double value) {
        return value == null ? null : Math.round(value * 1000) / 1000.0;
    }

    /** {@code sum(x) AS x} for each column. */
    static String sums(String... columns) {
        return String.join(", ", Arrays.stream(columns).map(c -> "sum(" + c + ") AS " + c).toList());
    }

    /** {@code sum(<prefix>i) AS <prefix>i} for each histogram bin. */
    static String binSums(String prefix) {
        return IntStream.rangeClosed(1, Histogram.LOWER_BOUNDS.length)
                .mapToObj(i -> "sum(" + prefix + i + ") AS " + prefix + i).collect(Collectors.joining(", "));
    }

    private Rows() {
    }
}
