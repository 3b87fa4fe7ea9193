package io.parley.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Percentiles from the bin counts: linear inside the bin, the lower bound in the open-ended last bin. */
class HistogramTest {

    @Test
    void interpolatesInsideTheBinOfTheRank() {
        long[] counts = new long[Histogram.LOWER_BOUNDS.length];
        counts[0] = 2; // [0, 10)
        counts[1] = 1; // [10, 20)
        assertThat(Histogram.quantile(0.5, counts)).isEqualTo(7.5); // rank 1.5 of 2 in [0, 10)
        assertThat(Histogram.quantile(0.9, counts)).isEqualTo(17.0); // rank 2.7: 0.7 of the one in [10, 20)
    }

    @Test
    void theLastBinGivesItsLowerBoundAndNothingGivesNull() {
        long[] counts = new long[Histogram.LOWER_BOUNDS.length];
        assertThat(Histogram.quantile(0.5, counts)).isNull();
        counts[counts.length - 1] = 3;
        assertThat(Histogram.quantile(0.9, counts)).isEqualTo(14400.0);
    }
}
