package com.optaic.jobs.backtest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.common.OptaicException;
import com.optaic.engine.backtest.BacktestSpec;
import com.optaic.engine.backtest.metrics.MetricConventions;
import com.optaic.engine.backtest.metrics.MetricPreset;
import com.optaic.engine.backtest.sweep.SweepGrid;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.operators.plan.ExpressionFile;
import com.optaic.operators.syntax.Parser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

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
        Signal signal = signal(config.path("signal"), prices);
        Optional<Grid> grid = grid(config.path("grid"), signal, settings);
        return new BacktestConfig(
                prices,
                signal,
                spec,
                conventions(config.path("metrics")),
                benchmark(config.path("benchmark"), prices),
                grid,
                outputs(config.path("outputs"), grid.isPresent()));
    }

    public boolean isSweep() {
        return grid.isPresent();
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
                ? Optional.of(id(benchmark, "dataset", "benchmark.dataset"))
                : Optional.empty();
        Map<UUID, Optional<Integer>> inputs = new LinkedHashMap<>();
        for (UUID dataset : distinct(prices, signalDataset, benchmarkDataset)) {
            boolean pinned = dataset.equals(signalDataset)
                    && signal.has("field")
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
            throw bad(
                    "signal",
                    "needs exactly one of 'expression' (evaluated over a dataset) or 'field' (of a "
                            + "dataset version)");
        }
        if (hasExpression && node.has("version")) {
            throw bad("signal.version", "applies to a dataset field; an expression reads the latest version");
        }
        if (hasExpression) {
            String expression = text(node, "signal.expression");
            if (PLACEHOLDER.matcher(expression).find()) {
                // A template: each of its expansions is parsed with the grid, which gives the values.
                return new Signal(
                        node.has("dataset") ? id(node, "dataset", "signal.dataset") : prices,
                        Optional.of(expression),
                        Optional.empty(),
                        Optional.empty());
            }
            ExpressionFile file =
                    new ExpressionFile().addArgument("signal.expression", "signal = " + expression, false);
            try {
                file.definitions().forEach(d -> Parser.parse(d.source()));
            } catch (OptaicException e) {
                throw new OptaicException(
                        JobsErrorCode.BAD_RUN_CONFIG,
                        "BacktestInstance config 'signal.expression': " + e.getMessage(),
                        e);
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
        return new Signal(
                id(node, "dataset", "signal.dataset"),
                Optional.empty(),
                Optional.of(text(node, "signal.field")),
                version);
    }

    private static MetricConventions conventions(JsonNode node) {
        if (node.isMissingNode()) {
            return MetricConventions.defaults(MetricPreset.OPTAIC);
        }
        if (!node.isObject()) {
            throw bad("metrics", "must be an object");
        }
        unknownMembers(
                node, "metrics.", Set.of("preset", "periods_per_year", "risk_free_rate", "ic_horizons", "quantiles"));
        MetricConventions defaults = MetricConventions.defaults(MetricPreset.OPTAIC);
        try {
            MetricPreset preset =
                    node.has("preset") ? MetricPreset.parse(node.get("preset").asText()) : defaults.preset();
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
            return new MetricConventions(
                    preset,
                    whole(node, "periods_per_year", defaults.periodsPerYear()),
                    number(node, "risk_free_rate", defaults.riskFreeRate()),
                    horizons,
                    whole(node, "quantiles", defaults.quantiles()));
        } catch (OptaicException e) {
            if (e.getMessage().startsWith("BacktestInstance config")) {
                throw e;
            }
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG, "BacktestInstance config 'metrics': " + e.getMessage(), e);
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

    private static Map<Output, UUID> outputs(JsonNode node, boolean sweep) {
        if (node.isMissingNode() || node.isNull()) {
            return Map.of();
        }
        List<Output> kinds = Output.of(sweep);
        if (!node.isObject()) {
            throw bad(
                    "outputs",
                    "must name the datasets to write: {"
                            + kinds.stream()
                                    .map(o -> "\"" + o.label() + "\": \"<dataset id>\"")
                                    .collect(Collectors.joining(", "))
                            + "}, or be left out");
        }
        Set<String> known = kinds.stream().map(Output::label).collect(Collectors.toSet());
        unknownMembers(node, "outputs.", known);
        Map<Output, UUID> outputs = new EnumMap<>(Output.class);
        for (Output output : kinds) {
            if (node.has(output.label())) {
                UUID id = id(node, output.label(), "outputs." + output.label());
                if (outputs.containsValue(id)) {
                    throw bad(
                            "outputs." + output.label(),
                            "names the same dataset as another output; each output " + "needs its own dataset");
                }
                outputs.put(output, id);
            }
        }
        Output required = kinds.get(0);
        if (!outputs.containsKey(required)) {
            throw bad(
                    "outputs." + required.label(),
                    "is required (" + (sweep ? "the metrics of every combination" : "the equity curve and returns")
                            + ")");
        }
        return outputs;
    }

    /**
     * The sweep's grid: each member an array of values, either a placeholder of the signal expression or a
     * backtest setting not fixed in {@code backtest}. Each value is checked on its own (a setting with the
     * fixed settings, a placeholder by parsing its expansion), so a bad one is named: {@code grid.n[2]}.
     */
    private static Optional<Grid> grid(JsonNode node, Signal signal, Map<String, String> base) {
        Set<String> placeholders = new LinkedHashSet<>();
        signal.expression().ifPresent(e -> {
            Matcher m = PLACEHOLDER.matcher(e);
            while (m.find()) {
                placeholders.add(m.group(1));
            }
        });
        if (node.isMissingNode() || node.isNull()) {
            if (!placeholders.isEmpty()) {
                throw bad("signal.expression", "uses placeholders " + placeholders + "; give their values in 'grid'");
            }
            return Optional.empty();
        }
        if (!node.isObject() || node.isEmpty()) {
            throw bad("grid", "must be an object of value arrays, e.g. {\"n\": [5, 10], \"signal_lag\": [1, 2]}");
        }
        Map<String, List<String>> signalParameters = new LinkedHashMap<>();
        Map<String, List<String>> settings = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String key = member.getKey();
            boolean placeholder = placeholders.contains(key);
            if (!placeholder && !BacktestSpec.DEFAULTS.containsKey(key)) {
                throw bad(
                        "grid." + key,
                        "is neither a placeholder of signal.expression " + placeholders
                                + " nor a backtest setting; settings: "
                                + new TreeSet<>(BacktestSpec.DEFAULTS.keySet()));
            }
            if (base.containsKey(key)) {
                throw bad("grid." + key, "is also fixed in 'backtest'; keep one of the two");
            }
            if (!member.getValue().isArray() || member.getValue().isEmpty()) {
                throw bad("grid." + key, "must be a non-empty array of values, got " + member.getValue());
            }
            List<String> values = new ArrayList<>();
            for (JsonNode value : member.getValue()) {
                String where = "grid." + key + "[" + values.size() + "]";
                if (!value.isValueNode() || value.isNull()) {
                    throw bad(where, "must be a number, word or boolean, got " + value);
                }
                values.add(value.asText());
            }
            if (values.stream().distinct().count() != values.size()) {
                throw bad("grid." + key, "repeats a value: " + values);
            }
            (placeholder ? signalParameters : settings).put(key, values);
        }
        for (String p : placeholders) {
            if (!signalParameters.containsKey(p)) {
                throw bad("grid", "gives no values for placeholder {" + p + "} of signal.expression");
            }
        }
        settings.forEach((key, values) -> {
            for (int i = 0; i < values.size(); i++) {
                Map<String, String> one = new LinkedHashMap<>(base);
                one.put(key, values.get(i));
                try {
                    BacktestSpec.parse(one);
                } catch (OptaicException e) {
                    if (!validWithAnotherGridValue(one, key, settings)) {
                        throw new OptaicException(
                                JobsErrorCode.BAD_RUN_CONFIG,
                                "BacktestInstance config 'grid." + key + "[" + i + "]' " + e.getMessage(),
                                e);
                    }
                }
            }
        });
        String template = signal.expression().map(e -> "signal = " + e).orElse("");
        signalParameters.forEach((key, values) -> {
            for (int i = 0; i < values.size(); i++) {
                String expansion = template.replace("{" + key + "}", values.get(i));
                for (Map.Entry<String, List<String>> other : signalParameters.entrySet()) {
                    expansion = expansion.replace(
                            "{" + other.getKey() + "}", other.getValue().get(0));
                }
                try {
                    new ExpressionFile()
                            .addArgument("signal.expression", expansion, false)
                            .definitions()
                            .forEach(d -> Parser.parse(d.source()));
                } catch (OptaicException e) {
                    throw new OptaicException(
                            JobsErrorCode.BAD_RUN_CONFIG,
                            "BacktestInstance config 'grid." + key + "["
                                    + i + "]' gives the expression '" + expansion.substring("signal = ".length())
                                    + "': "
                                    + e.getMessage(),
                            e);
                }
            }
        });
        return Optional.of(new Grid(template, signalParameters, base, settings));
    }

    /**
     * Whether a setting refused with the fixed ones is accepted beside some value of another grid setting
     * ({@code signal_lag: 0} with {@code allow_same_bar: true}); the combinations that still clash are refused
     * when the run resolves, naming the combination.
     */
    private static boolean validWithAnotherGridValue(
            Map<String, String> one, String key, Map<String, List<String>> settings) {
        for (Map.Entry<String, List<String>> other : settings.entrySet()) {
            if (other.getKey().equals(key)) {
                continue;
            }
            for (String value : other.getValue()) {
                Map<String, String> two = new LinkedHashMap<>(one);
                two.put(other.getKey(), value);
                try {
                    BacktestSpec.parse(two);
                    return true;
                } catch (OptaicException e) {
                    // try the next value
                }
            }
        }
        return false;
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
                throw bad(
                        prefix + name,
                        "is not a known setting; known: "
                                + known.stream().sorted().map(k -> prefix + k).collect(Collectors.joining(", ")));
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
        return new OptaicException(
                JobsErrorCode.BAD_RUN_CONFIG,
                member.isEmpty()
                        ? "BacktestInstance config " + problem
                        : "BacktestInstance config '" + member + "' " + problem);
    }
}
