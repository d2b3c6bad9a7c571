package com.optaic.jobs.backtest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.common.OptaicException;
import com.optaic.engine.backtest.BacktestSpec;
import com.optaic.engine.backtest.metrics.MetricConventions;
import com.optaic.engine.backtest.metrics.MetricPreset;
import com.optaic.jobs.run.JobsErrors;
import com.optaic.operators.plan.ExpressionFile;
import com.optaic.operators.syntax.Parser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

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
 *  "outputs": {"series": "&lt;id&gt;", "positions": "&lt;id&gt;", "fills": "&lt;id&gt;", "trades": "&lt;id&gt;",
 *              "drawdowns": "&lt;id&gt;"}}                                           series required, the rest optional
 * </pre>
 */
public record BacktestConfig(UUID prices, Signal signal, BacktestSpec spec, MetricConventions conventions,
                             Optional<Benchmark> benchmark, Map<Output, UUID> outputs) {
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
        DRAWDOWNS;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

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

    private static final Set<String> MEMBERS = Set.of("prices", "signal", "backtest", "metrics", "benchmark",
            "outputs");

    public BacktestConfig {
        requireNonNull(prices, "prices is null");
        requireNonNull(signal, "signal is null");
        requireNonNull(spec, "spec is null");
        requireNonNull(conventions, "conventions is null");
        requireNonNull(benchmark, "benchmark is null");
        outputs = Map.copyOf(outputs);
    }

    public static BacktestConfig parse(JsonNode config) {
        if (config == null || !config.isObject()) {
            throw bad("", "must be a JSON object");
        }
        unknownMembers(config, "", MEMBERS);
        UUID prices = id(config, "prices");
        BacktestSpec spec;
        try {
            spec = BacktestSpec.parse(flat(config.path("backtest"), "backtest"));
        } catch (OptaicException e) {
            // Keep the engine's code: SAME_BAR_FILL says more than "bad config".
            throw new OptaicException(e.code(), "BacktestInstance config 'backtest': " + e.getMessage(), e);
        }
        return new BacktestConfig(prices, signal(config.path("signal"), prices), spec,
                conventions(config.path("metrics")), benchmark(config.path("benchmark"), prices),
                outputs(config.path("outputs")));
    }

    /** The distinct datasets a run reads: prices first, then the signal's and the benchmark's if others. */
    public List<UUID> inputDatasets() {
        return distinct(prices, signal.dataset(), benchmark.map(Benchmark::dataset));
    }

    /**
     * The datasets a run of this config reads, each with the version the config pins (empty for the latest),
     * reading only the members that name them: the rest of the config is validated when the run resolves, so
     * that a mistake there fails the run (recorded, with its message) instead of refusing to queue it.
     */
    public static Map<UUID, Optional<Integer>> inputsOf(JsonNode config) {
        UUID prices = id(config, "prices");
        JsonNode signal = config.path("signal");
        UUID signalDataset = signal.has("dataset") ? id(signal, "dataset", "signal.dataset") : prices;
        JsonNode benchmark = config.path("benchmark");
        Optional<UUID> benchmarkDataset = benchmark.has("dataset")
                ? Optional.of(id(benchmark, "dataset", "benchmark.dataset")) : Optional.empty();
        Map<UUID, Optional<Integer>> inputs = new LinkedHashMap<>();
        for (UUID dataset : distinct(prices, signalDataset, benchmarkDataset)) {
            boolean pinned = dataset.equals(signalDataset) && signal.has("field")
                    && signal.path("version").canConvertToInt();
            inputs.put(dataset, pinned ? Optional.of(signal.get("version").asInt()) : Optional.empty());
        }
        return inputs;
    }

    private static List<UUID> distinct(UUID prices, UUID signal, Optional<UUID> benchmark) {
        List<UUID> datasets = new ArrayList<>(List.of(prices));
        if (!datasets.contains(signal)) {
            datasets.add(signal);
        }
        benchmark.filter(d -> !datasets.contains(d)).ifPresent(datasets::add);
        return datasets;
    }

    private static Signal signal(JsonNode node, UUID prices) {
        if (!node.isObject()) {
            throw bad("signal", "must be {\"expression\": ...} or {\"dataset\": ..., \"field\": ...}");
        }
        unknownMembers(node, "signal.", Set.of("expression", "dataset", "field", "version"));
        boolean hasExpression = node.has("expression");
        boolean hasField = node.has("field");
        if (hasExpression == hasField) {
            throw bad("signal", "needs exactly one of 'expression' (evaluated over a dataset) or 'field' (of a "
                    + "dataset version)");
        }
        if (hasExpression) {
            String expression = text(node, "signal.expression");
            ExpressionFile file = new ExpressionFile().addArgument("signal.expression", "signal = " + expression,
                    false);
            try {
                file.definitions().forEach(d -> Parser.parse(d.source()));
            } catch (OptaicException e) {
                throw new OptaicException(JobsErrors.BAD_RUN_CONFIG, "BacktestInstance config 'signal.expression': "
                        + e.getMessage(), e);
            }
            if (node.has("version")) {
                throw bad("signal.version", "applies to a dataset field; an expression reads the latest version");
            }
            UUID dataset = node.has("dataset") ? id(node, "dataset", "signal.dataset") : prices;
            return new Signal(dataset, Optional.of(expression), Optional.empty(), Optional.empty());
        }
        if (!node.has("dataset")) {
            throw bad("signal.dataset", "is required with 'signal.field'");
        }
        Optional<Integer> version = Optional.empty();
        if (node.has("version")) {
            if (!node.get("version").canConvertToInt() || node.get("version").asInt() < 1) {
                throw bad("signal.version", "must be a version number (1, 2, ...), got " + node.get("version"));
            }
            version = Optional.of(node.get("version").asInt());
        }
        return new Signal(id(node, "dataset", "signal.dataset"), Optional.empty(),
                Optional.of(text(node, "signal.field")), version);
    }

    private static MetricConventions conventions(JsonNode node) {
        if (node.isMissingNode()) {
            return MetricConventions.defaults(MetricPreset.OPTAIC);
        }
        if (!node.isObject()) {
            throw bad("metrics", "must be an object");
        }
        unknownMembers(node, "metrics.", Set.of("preset", "periods_per_year", "risk_free_rate", "ic_horizons",
                "quantiles"));
        MetricConventions defaults = MetricConventions.defaults(MetricPreset.OPTAIC);
        try {
            MetricPreset preset = node.has("preset") ? MetricPreset.parse(node.get("preset").asText())
                    : defaults.preset();
            List<Integer> horizons = defaults.icHorizons();
            if (node.has("ic_horizons")) {
                if (!node.get("ic_horizons").isArray()) {
                    throw bad("metrics.ic_horizons", "must be an array of bar counts, e.g. [1, 5, 10]");
                }
                horizons = new ArrayList<>();
                for (JsonNode h : node.get("ic_horizons")) {
                    horizons.add(h.canConvertToInt() ? h.asInt() : 0);
                }
            }
            return new MetricConventions(preset, whole(node, "periods_per_year", defaults.periodsPerYear()),
                    number(node, "risk_free_rate", defaults.riskFreeRate()), horizons,
                    whole(node, "quantiles", defaults.quantiles()));
        } catch (OptaicException e) {
            if (e.getMessage().startsWith("BacktestInstance config")) {
                throw e;
            }
            throw new OptaicException(JobsErrors.BAD_RUN_CONFIG, "BacktestInstance config 'metrics': "
                    + e.getMessage(), e);
        }
    }

    private static Optional<Benchmark> benchmark(JsonNode node, UUID prices) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw bad("benchmark", "must be {\"asset\": ..., \"dataset\": ..., \"field\": ...}");
        }
        unknownMembers(node, "benchmark.", Set.of("asset", "dataset", "field"));
        UUID dataset = node.has("dataset") ? id(node, "dataset", "benchmark.dataset") : prices;
        String field = node.has("field") ? text(node, "benchmark.field") : "close";
        return Optional.of(new Benchmark(dataset, text(node, "benchmark.asset"), field));
    }

    private static Map<Output, UUID> outputs(JsonNode node) {
        if (!node.isObject()) {
            throw bad("outputs", "must name the datasets to write: {\"series\": \"<dataset id>\", \"positions\": ..., "
                    + "\"fills\": ..., \"trades\": ..., \"drawdowns\": ...}");
        }
        Set<String> known = Arrays.stream(Output.values()).map(Output::label).collect(Collectors.toSet());
        unknownMembers(node, "outputs.", known);
        Map<Output, UUID> outputs = new EnumMap<>(Output.class);
        for (Output output : Output.values()) {
            if (node.has(output.label())) {
                UUID id = id(node, output.label(), "outputs." + output.label());
                if (outputs.containsValue(id)) {
                    throw bad("outputs." + output.label(), "names the same dataset as another output; each output "
                            + "needs its own dataset");
                }
                outputs.put(output, id);
            }
        }
        if (!outputs.containsKey(Output.SERIES)) {
            throw bad("outputs.series", "is required (the equity curve and returns)");
        }
        return outputs;
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

    private static void unknownMembers(JsonNode node, String prefix, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw bad(prefix + name, "is not a known setting; known: " + known.stream().sorted()
                        .map(k -> prefix + k).collect(Collectors.joining(", ")));
            }
        }
    }

    private static UUID id(JsonNode node, String member) {
        return id(node, member, member);
    }

    private static UUID id(JsonNode node, String member, String path) {
        String text = node.path(member).asText("");
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw bad(path, "must be a dataset id, got '" + text + "'");
        }
    }

    private static String text(JsonNode node, String path) {
        JsonNode value = node.path(path.substring(path.lastIndexOf('.') + 1));
        if (!value.isTextual() || value.asText().isBlank()) {
            throw bad(path, "must be a non-empty string");
        }
        return value.asText();
    }

    private static int whole(JsonNode node, String member, int fallback) {
        if (!node.has(member)) {
            return fallback;
        }
        if (!node.get(member).canConvertToInt()) {
            throw bad("metrics." + member, "must be a whole number, got " + node.get(member));
        }
        return node.get(member).asInt();
    }

    private static double number(JsonNode node, String member, double fallback) {
        if (!node.has(member)) {
            return fallback;
        }
        if (!node.get(member).isNumber()) {
            throw bad("metrics." + member, "must be a number, got " + node.get(member));
        }
        return node.get(member).asDouble();
    }

    static OptaicException bad(String member, String problem) {
        return new OptaicException(JobsErrors.BAD_RUN_CONFIG, member.isEmpty()
                ? "BacktestInstance config " + problem : "BacktestInstance config '" + member + "' " + problem);
    }
}
