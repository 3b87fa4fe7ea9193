package io.parley.reports;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Durations counted in fixed bins (lower bounds in seconds, the last bin open-ended), so medians and p90s of any
 * period add up from hourly rollups. A percentile is interpolated linearly inside its bin, as Prometheus'
 * {@code histogram_quantile} does; in the open-ended last bin it is that bin's lower bound.
 */
final class Histogram {

    static final int[] LOWER_BOUNDS = { 0, 10, 20, 30, 45, 60, 90, 120, 180, 240, 300, 450, 600, 900, 1200, 1800,
            2700, 3600, 7200, 14400 };

    /** The SQL array of lower bounds for {@code width_bucket}, which numbers the bins from 1. */
    static final String SQL_BOUNDS = IntStream.of(LOWER_BOUNDS).mapToObj(String::valueOf)
            .collect(Collectors.joining(",", "ARRAY[", "]::float8[]"));

    /** The {@code q}-quantile (0..1) of the counts per bin, or {@code null} without any count. */
    static Double quantile(double q, long[] counts) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return null;
        }
        double rank = q * total;
        long below = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0 && below + counts[i] >= rank) {
                if (i == counts.length - 1) {
                    return (double) LOWER_BOUNDS[i];
                }
                double lower = LOWER_BOUNDS[i];
                double upper = LOWER_BOUNDS[i + 1];
                return lower + (upper - lower) * (rank - below) / counts[i];
            }
            below += counts[i];
        }
        return (double) LOWER_BOUNDS[LOWER_BOUNDS.length - 1];
    }

    private Histogram() {
    }
}
