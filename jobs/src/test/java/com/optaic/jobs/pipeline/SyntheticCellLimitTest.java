package com.optaic.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.optaic.common.ErrorCategory;
import com.optaic.common.OptaicException;
import com.optaic.jobs.run.Registry;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A synthetic pipeline refuses, before generating anything, a market over the configured cell limit. */
class SyntheticCellLimitTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aConfiguredExtentOverTheLimitIsRefusedNamingAssetsDaysAndTheLimit() throws Exception {
        Registry<PipelineSource> sources = PipelineSources.builtins(10_000);
        assertThatThrownBy(() ->
                        sources.build(PipelineSources.SYNTHETIC, JSON.readTree("{\"assets\": 100, \"days\": 101}")))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.USER_ERROR))
                .hasMessageContaining("100 assets x 101 days = 10,100 cells")
                .hasMessageContaining("over the limit of 10,000 (OPTAIC_SYNTHETIC_MAX_CELLS)");
        assertThat(sources.build(PipelineSources.SYNTHETIC, JSON.readTree("{\"assets\": 100, \"days\": 100}")))
                .isNotNull();
    }

    @Test
    void aNominalDateThatWouldGrowTheMarketOverTheLimitIsRefused() throws Exception {
        PipelineSource source = PipelineSources.builtins(10_000)
                .build(PipelineSources.SYNTHETIC, JSON.readTree("{\"assets\": 1000, \"days\": 5}"));
        // The market starts on Monday 2010-01-04: through Friday 2010-01-15 it has 10 business days (10,000
        // cells, at the limit); through Monday 2010-01-18, 11.
        assertThat(source.open(Optional.of(LocalDate.of(2010, 1, 15)))).isNotNull();
        assertThatThrownBy(() -> source.open(Optional.of(LocalDate.of(2010, 1, 18))))
                .isInstanceOf(OptaicException.class)
                .hasMessage("pipeline.synthetic: 1,000 assets x 11 days through 2010-01-18 = 11,000 cells, over the"
                        + " limit of 10,000 (OPTAIC_SYNTHETIC_MAX_CELLS)");
        assertThatThrownBy(() -> source.open(Optional.of(LocalDate.of(9999, 12, 31))))
                .isInstanceOf(OptaicException.class)
                .hasMessageContaining("days through 9999-12-31");
    }

    @Test
    void theLimitComesFromTheEnvironment() {
        assertThat(PipelineSources.maxSyntheticCells(Map.of())).isEqualTo(PipelineSources.DEFAULT_MAX_SYNTHETIC_CELLS);
        assertThat(PipelineSources.maxSyntheticCells(Map.of("OPTAIC_SYNTHETIC_MAX_CELLS", "2000")))
                .isEqualTo(2000);
        assertThatThrownBy(() -> PipelineSources.maxSyntheticCells(Map.of("OPTAIC_SYNTHETIC_MAX_CELLS", "0")))
                .hasMessage("OPTAIC_SYNTHETIC_MAX_CELLS must be a positive integer, got '0'");
        assertThatThrownBy(() -> PipelineSources.maxSyntheticCells(Map.of("OPTAIC_SYNTHETIC_MAX_CELLS", "lots")))
                .hasMessage("OPTAIC_SYNTHETIC_MAX_CELLS must be a positive integer, got 'lots'");
    }
}
