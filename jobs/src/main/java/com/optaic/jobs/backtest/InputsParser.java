package com.optaic.jobs.backtest;

import static com.optaic.jobs.backtest.ConfigMembers.bad;
import static com.optaic.jobs.backtest.ConfigMembers.id;
import static com.optaic.jobs.backtest.ConfigMembers.text;
import static com.optaic.jobs.backtest.ConfigMembers.unknownMembers;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.backtest.BacktestConfig.Benchmark;
import com.optaic.jobs.backtest.BacktestConfig.Signal;
import com.optaic.operators.plan.ExpressionFile;
import com.optaic.operators.syntax.Parser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Parses the config members that name what a run reads: {@code prices}, {@code signal} and {@code benchmark},
 * the signal and benchmark datasets defaulting to the prices.
 */
final class InputsParser {
    private InputsParser() {}

    /** See {@link BacktestConfig#inputsOf}: reads only the members that name the datasets. */
    static Map<UUID, Optional<Integer>> inputsOf(JsonNode config) {
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

    /** The distinct datasets, prices first, then the signal's and the benchmark's if others. */
    static List<UUID> distinct(UUID prices, UUID signal, Optional<UUID> benchmark) {
        List<UUID> datasets = new ArrayList<>(List.of(prices));
        if (!datasets.contains(signal)) {
            datasets.add(signal);
        }
        benchmark.filter(d -> !datasets.contains(d)).ifPresent(datasets::add);
        return datasets;
    }

    static Signal signal(JsonNode node, UUID prices) {
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
            if (!GridParser.placeholders(expression).isEmpty()) {
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

    static Optional<Benchmark> benchmark(JsonNode node, UUID prices) {
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
}
