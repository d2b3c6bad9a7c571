package com.optaic.jobs.backtest;

import static com.optaic.jobs.backtest.ConfigMembers.bad;
import static com.optaic.jobs.backtest.ConfigMembers.id;
import static com.optaic.jobs.backtest.ConfigMembers.unknownMembers;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.common.OptaicException;
import com.optaic.engine.backtest.BacktestSpec;
import com.optaic.engine.backtest.metrics.MetricConventions;
import com.optaic.engine.backtest.sweep.SweepGrid;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A BacktestInstance's config, validated; every refusal names the config member at fault:
 * <pre>
 * {"prices":  "&lt;dataset id&gt;",                      open/close/vwap/volume fields
 *  "signal":  {"expression": "rank(delta(close,5))", "dataset": "&lt;id&gt;"}      dataset defaults to prices
 *          or {"dataset": "&lt;id&gt;", "field": "alpha", "version": 3}         version defaults to the latest
 *  "backtest": {"rule": "top_bottom", "n": 10, "side": "long_short", "signal_lag": 1, "fill_price": "next_open",
 *               "rebalance": "weekly", "commission_bps": 1, ...}          the keys of {@link BacktestSpec#parse}
 *  "metrics": {"preset": "optaic", "periods_per_year": 252, "risk_free_rate": 0.0, "ic_horizons": [1, 5, 10],
 *              "quantiles": 5},                                           all optional
 *  "benchmark": {"asset": "SPY", "dataset": "&lt;id&gt;", "field": "close"},       optional; dataset defaults to prices
 *  "grid": {"window": [5, 20], "n": [5, 10], "signal_lag": [1, 2]},   optional: a sweep (see {@link Grid})
 *  "outputs": {"series": "&lt;id&gt;", "positions": "&lt;id&gt;", "fills": "&lt;id&gt;", "trades": "&lt;id&gt;",
 *              "drawdowns": "&lt;id&gt;"}}                         optional; a sweep's are sweep_metrics, sweep_equity
 * </pre>
 * Without {@code outputs} the run writes every output of its kind to datasets it creates or reuses by name
 * ({@link OutputDatasets}); with it, only the named ones ({@code series}, or {@code sweep_metrics}, required).
 */
public record BacktestConfig(
        UUID prices,
        Signal signal,
        BacktestSpec spec,
        MetricConventions conventions,
        Optional<Benchmark> benchmark,
        Optional<Grid> grid,
        Map<Output, UUID> outputs) {
    /** The datasets a run writes, one version each. */
    public enum Output {
        /** Per date: equity, gross_equity, net_return, gross_return, cost, turnover, drawdown. */
        SERIES,
        /** Date x asset: weight, shares, notional at each close. */
        POSITIONS,
        /** Date x asset: the orders and fills of that bar with their cost breakdown. */
        FILLS,
        /** Round trips, keyed by entry date and asset. */
        TRADES,
        /** Drawdown episodes, keyed by trough date. */
        DRAWDOWNS,
        /** A sweep's table: per combination (asset = its id), its grid values and its metrics. */
        SWEEP_METRICS,
        /** A sweep's equity curves: date x combination id, field equity. */
        SWEEP_EQUITY;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** What a run writes: a sweep's two tables, or a single backtest's five. */
        public static List<Output> of(boolean sweep) {
            return sweep ? List.of(SWEEP_METRICS, SWEEP_EQUITY) : List.of(SERIES, POSITIONS, FILLS, TRADES, DRAWDOWNS);
        }
    }

    /**
     * A parameter sweep: every combination of the values of the signal expression's {@code {placeholders}} and
     * of backtest settings (keys of {@link BacktestSpec#parse}) over the fixed {@code backtest} settings. Values
     * are kept as the text the settings parser and the expression read.
     *
     * @param template the signal as an expression file ({@code signal = ...}), empty for a dataset field
     */
    public record Grid(
            String template,
            Map<String, List<String>> signalParameters,
            Map<String, String> base,
            Map<String, List<String>> settings) {
        public Grid {
            requireNonNull(template, "template is null");
            signalParameters = Collections.unmodifiableMap(new LinkedHashMap<>(signalParameters));
            base = Map.copyOf(base);
            settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        }

        public SweepGrid sweepGrid() {
            return new SweepGrid(template, SIGNAL_NAME, signalParameters, base, settings);
        }

        /** The number of combinations, saturating at Long.MAX_VALUE. */
        public long size() {
            long n = 1;
            for (List<String> values : parameters().values()) {
                try {
                    n = Math.multiplyExact(n, values.size());
                } catch (ArithmeticException e) {
                    return Long.MAX_VALUE;
                }
            }
            return n;
        }

        /** Signal parameters then settings, in the order given: the columns of the metrics table. */
        public Map<String, List<String>> parameters() {
            Map<String, List<String>> all = new LinkedHashMap<>(signalParameters);
            all.putAll(settings);
            return all;
        }
    }

    /** The output name of the signal in the expression file a run evaluates. */
    static final String SIGNAL_NAME = "signal";

    /**
     * Where the signal comes from: an expression evaluated over a dataset, or a field of a dataset version.
     *
     * @param version a pinned version of the dataset, empty for its latest when the run is queued
     */
    public record Signal(UUID dataset, Optional<String> expression, Optional<String> field, Optional<Integer> version) {
        public Signal {
            requireNonNull(dataset, "dataset is null");
            requireNonNull(expression, "expression is null");
            requireNonNull(field, "field is null");
            requireNonNull(version, "version is null");
        }
    }

    /** The benchmark's return series: the simple returns of one asset's price field. */
    public record Benchmark(UUID dataset, String asset, String field) {
        public Benchmark {
            requireNonNull(dataset, "dataset is null");
            requireNonNull(asset, "asset is null");
            requireNonNull(field, "field is null");
        }
    }

    private static final Set<String> MEMBERS =
            Set.of("prices", "signal", "backtest", "metrics", "benchmark", "grid", "outputs");

    public BacktestConfig {
        requireNonNull(prices, "prices is null");
        requireNonNull(signal, "signal is null");
        requireNonNull(spec, "spec is null");
        requireNonNull(conventions, "conventions is null");
        requireNonNull(benchmark, "benchmark is null");
        requireNonNull(grid, "grid is null");
        outputs = Map.copyOf(outputs);
    }

    public static BacktestConfig parse(JsonNode config) {
        if (config == null || !config.isObject()) {
            throw bad("", "must be a JSON object");
        }
        unknownMembers(config, "", MEMBERS);
        UUID prices = id(config, "prices");
        Map<String, String> settings = flat(config.path("backtest"), "backtest");
        BacktestSpec spec;
        try {
            spec = BacktestSpec.parse(settings);
        } catch (OptaicException e) {
            // Keep the engine's code: SAME_BAR_FILL says more than "bad config".
            throw new OptaicException(e.code(), "BacktestInstance config 'backtest': " + e.getMessage(), e);
        }
        Signal signal = InputsParser.signal(config.path("signal"), prices);
        Optional<Grid> grid = GridParser.grid(config.path("grid"), signal, settings);
        return new BacktestConfig(
                prices,
                signal,
                spec,
                MetricsParser.conventions(config.path("metrics")),
                InputsParser.benchmark(config.path("benchmark"), prices),
                grid,
                OutputsParser.outputs(config.path("outputs"), grid.isPresent()));
    }

    public boolean isSweep() {
        return grid.isPresent();
    }

    /** The distinct datasets a run reads: prices first, then the signal's and the benchmark's if others. */
    public List<UUID> inputDatasets() {
        return InputsParser.distinct(prices, signal.dataset(), benchmark.map(Benchmark::dataset));
    }

    /**
     * The datasets a run of this config reads, each with the version the config pins (empty for the latest),
     * reading only the members that name them: the rest of the config is validated when the run resolves, so
     * that a mistake there fails the run (recorded, with its message) instead of refusing to queue it.
     */
    public static Map<UUID, Optional<Integer>> inputsOf(JsonNode config) {
        return InputsParser.inputsOf(config);
    }

    /** The {@code backtest} object as the flat text map {@link BacktestSpec#parse} reads. */
    private static Map<String, String> flat(JsonNode node, String where) {
        if (node.isMissingNode()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw bad(where, "must be an object of settings");
        }
        Map<String, String> flat = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getValue().isContainerNode()) {
                throw bad(where + "." + entry.getKey(), "must be a number, word or boolean");
            }
            flat.put(entry.getKey(), entry.getValue().asText());
        }
        return flat;
    }
}
