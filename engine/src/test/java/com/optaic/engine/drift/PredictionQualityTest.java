package com.optaic.engine.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** IC and rank IC against scipy ({@code pearsonr}, {@code spearmanr}) on small hand-made cross-sections. */
class PredictionQualityTest {
    @Test
    void matchesScipyWithTiesAndMissingValues() {
        // scipy.stats.pearsonr([1, 2, 2, 4, 7], [0.1, 0.5, 0.2, 0.3, 0.9]) = 0.8609460320922785
        // scipy.stats.spearmanr(same) = 0.8207826816681234
        // date 2 has two finite pairs only: undefined
        double[][] predictions = {{1, 2, 2, 4, 7, Double.NaN}, {1, 2, Double.NaN, Double.NaN, Double.NaN, 3}};
        double[][] returns = {{0.1, 0.5, 0.2, 0.3, 0.9, 0.4}, {0.1, 0.2, 0.3, 0.4, 0.5, Double.NaN}};

        PredictionQuality.Series series = PredictionQuality.of(predictions, returns);

        assertThat(series.ic()[0]).isCloseTo(0.8609460320922785, within(1e-12));
        assertThat(series.rankIc()[0]).isCloseTo(0.8207826816681234, within(1e-12));
        assertThat(series.ic()[1]).isNaN();
        assertThat(series.dates()).isOne();
        assertThat(series.meanIc()).isEqualTo(series.ic()[0]);
    }
}
