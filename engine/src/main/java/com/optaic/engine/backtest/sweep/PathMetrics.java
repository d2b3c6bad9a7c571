package com.optaic.engine.backtest.sweep;

import com.optaic.engine.backtest.BacktestPath;
import java.io.Serializable;
import java.util.List;

/**
 * The summary a sweep keeps of each combination: named numbers computed from its series. Implementations are
 * shipped to Spark executors, so they must be serialisable and must not keep state between calls. The
 * performance metrics of BacktestRuns can implement this to give sweeps their conventions.
 */
public interface PathMetrics extends Serializable {
    /** The column names, in the order {@link #compute} returns the values. */
    List<String> names();

    double[] compute(BacktestPath path);
}
