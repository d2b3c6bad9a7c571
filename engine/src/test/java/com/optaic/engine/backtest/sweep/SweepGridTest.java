package com.optaic.engine.backtest.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepGridTest {
    private static SweepGrid grid(Map<String, String> base, Map<String, List<String>> settings) {
        Map<String, List<String>> signal = new LinkedHashMap<>();
        signal.put("window", List.of("5", "20"));
        return new SweepGrid("mom = close / REF(close, {window}) - 1", "mom", signal, base, settings);
    }

    @Test
    void combinationsVarySignalSlowestAndShareSignals() {
        Map<String, List<String>> settings = new LinkedHashMap<>();
        settings.put("n", List.of("5", "10"));
        settings.put("signal_lag", List.of("1", "2", "3"));
        SweepGrid grid = grid(Map.of("side", "long_only"), settings);
        assertThat(grid.size()).isEqualTo(12);
        assertThat(grid.signalCount()).isEqualTo(2);
        assertThat(grid.signalText(1)).isEqualTo("mom = close / REF(close, 20) - 1");
        List<SweepGrid.Combination> all = grid.combinations();
        assertThat(all)
                .extracting(SweepGrid.Combination::signalIndex)
                .containsExactly(0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1);
        assertThat(all.get(0).config())
                .containsEntry("n", "5")
                .containsEntry("signal_lag", "1")
                .containsEntry("side", "long_only");
        assertThat(all.get(1).config()).containsEntry("n", "5").containsEntry("signal_lag", "2");
        assertThat(all.get(3).config()).containsEntry("n", "10").containsEntry("signal_lag", "1");
        assertThat(all.get(11).signalValues()).containsEntry("window", "20");
        assertThat(all.get(11).id()).isEqualTo("c00011");
    }

    @Test
    void badGridsFailBeforeAnyWork() {
        assertThatThrownBy(() -> new SweepGrid(
                        "mom = close / REF(close, {window}) - 1",
                        "mom",
                        Map.of("win", List.of("5")),
                        Map.of(),
                        Map.of()))
                .hasMessageContaining("placeholders [window]")
                .hasMessageContaining("[win]");
        assertThatThrownBy(() ->
                        grid(Map.of(), Map.of("signal_lag", List.of("1", "0"))).combinations())
                .hasMessageContaining("Grid combination 1")
                .hasMessageContaining("allow_same_bar");
        assertThatThrownBy(() -> grid(Map.of("n", "3"), Map.of("n", List.of("1"))))
                .hasMessageContaining("'n' is both fixed");
        assertThatThrownBy(() -> grid(Map.of(), Map.of("n", List.of()))).hasMessageContaining("no values");
    }
}
