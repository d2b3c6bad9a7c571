package com.optaic.engine.backtest.sweep;

import static java.util.Objects.requireNonNull;

import com.optaic.engine.data.Panel;
import java.util.List;
import java.util.Map;

/**
 * What a sweep produced: per combination (in grid order) its settings, its summary numbers and its net equity
 * curve. {@link #equityPanel()} gives the curves as a date x combination panel (asset = combination id) ready
 * to be written as Parquet.
 *
 * @param metrics {@code metrics[i]} the values of {@code metricNames} for combination i
 * @param equity {@code equity[i]} the equity curve of combination i, one value per date
 */
public record SweepResult(
        int[] epochDays,
        List<SweepGrid.Combination> combinations,
        List<String> metricNames,
        double[][] metrics,
        double[][] equity,
        Timings timings) {
    /**
     * @param signalNanos evaluating and ranking the distinct signals on the driver; {@code jobNanos} the Spark
     *     job (broadcast, tasks, collect); {@code simulationCpuNanos} the CPU time the tasks spent simulating
     */
    public record Timings(int signals, int tasks, long signalNanos, long jobNanos, long simulationCpuNanos) {}

    public SweepResult {
        requireNonNull(epochDays, "epochDays is null");
        combinations = List.copyOf(combinations);
        metricNames = List.copyOf(metricNames);
        requireNonNull(timings, "timings is null");
    }

    public double metric(int combination, String name) {
        int k = metricNames.indexOf(name);
        if (k < 0) {
            throw new IllegalArgumentException("no metric '" + name + "'; there are " + metricNames);
        }
        return metrics[combination][k];
    }

    /** The equity curves as a panel: dates x combination ids, field {@code equity}. */
    public Panel equityPanel() {
        int dates = epochDays.length;
        String[] ids = combinations.stream().map(SweepGrid.Combination::id).toArray(String[]::new);
        double[] values = new double[dates * ids.length];
        for (int c = 0; c < ids.length; c++) {
            System.arraycopy(equity[c], 0, values, c * dates, dates);
        }
        return new Panel(epochDays.clone(), ids, null, Map.of("equity", values), Map.of());
    }
}
