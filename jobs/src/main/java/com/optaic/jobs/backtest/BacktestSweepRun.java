package com.optaic.jobs.backtest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.engine.backtest.MarketData;
import com.optaic.engine.backtest.SignalBook;
import com.optaic.engine.backtest.metrics.SweepMetrics;
import com.optaic.engine.backtest.sweep.BacktestSweep;
import com.optaic.engine.backtest.sweep.SweepGrid;
import com.optaic.engine.backtest.sweep.SweepResult;
import com.optaic.engine.data.Panel;
import com.optaic.jobs.backtest.BacktestConfig.Output;
import com.optaic.jobs.backtest.BacktestRunType.Target;
import com.optaic.jobs.engines.SparkJobGroup;
import com.optaic.jobs.run.RunContext;
import com.optaic.jobs.run.StagedResult;
import com.optaic.metadata.DataVersion;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * The execute step of a BacktestRun whose config has a {@code grid}: every combination runs as a Spark task
 * through the engine's {@link BacktestSweep} with the run's metric conventions ({@link SweepMetrics}, the same
 * definitions as a single run's {@code net} metrics). It stages two tables: {@code sweep_metrics}, one row per
 * combination (asset = its id {@code c00000}, dated the last price date) holding its grid values (numbers, or
 * labels for words) and its metrics, and {@code sweep_equity}, each combination's net equity curve.
 */
final class BacktestSweepRun {
    private BacktestSweepRun() {}

    static StagedResult execute(
            RunContext context,
            BacktestConfig config,
            Map<UUID, DataVersion> inputs,
            Map<Output, Target> targets,
            Function<UUID, Panel> read,
            Supplier<SparkSession> session) {
        BacktestConfig.Grid grid = config.grid().orElseThrow();
        SweepGrid sweepGrid = grid.sweepGrid();
        SweepMetrics pathMetrics = new SweepMetrics(config.conventions());
        for (String parameter : grid.parameters().keySet()) {
            if (pathMetrics.names().contains(parameter)) {
                throw ConfigMembers.bad(
                        "grid." + parameter,
                        "is also the name of a metric column " + pathMetrics.names() + "; rename the placeholder");
            }
        }
        Panel prices = read.apply(config.prices());
        MarketData market = MarketData.of(prices);
        Panel signalData = read.apply(config.signal().dataset());
        SparkSession spark = session.get();
        SweepResult result = SparkJobGroup.run(spark, context.cancellation(), () -> {
            BacktestSweep sweep = new BacktestSweep(spark);
            return config.signal().expression().isPresent()
                    ? sweep.run(prices, signalData, sweepGrid, pathMetrics, 0)
                    : sweep.run(
                            market,
                            SignalBook.align(
                                    market, signalData, config.signal().field().orElseThrow()),
                            sweepGrid,
                            pathMetrics,
                            0);
        });

        ObjectNode metrics = StagedResult.newMetrics();
        metrics.set("conventions", config.conventions().toJson());
        ObjectNode fixed = metrics.putObject("spec");
        config.spec().toConfig().forEach((key, value) -> {
            if (!grid.settings().containsKey(key)) {
                fixed.put(key, value);
            }
        });
        ObjectNode values = metrics.putObject("grid");
        grid.parameters().forEach((key, list) -> list.forEach(values.withArray(key)::add));
        BacktestRunType.describeInputs(metrics, config, inputs, market);
        ObjectNode sweep = metrics.putObject("sweep");
        sweep.put("combinations", result.combinations().size());
        sweep.put("signals", result.timings().signals());
        sweep.put("tasks", result.timings().tasks());
        sweep.put("signal_seconds", result.timings().signalNanos() / 1e9);
        sweep.put("job_seconds", result.timings().jobNanos() / 1e9);
        sweep.put("simulation_cpu_seconds", result.timings().simulationCpuNanos() / 1e9);
        sweep.put("spark_master", spark.sparkContext().master());
        ArrayNode names = sweep.putArray("metrics");
        result.metricNames().forEach(names::add);
        best(result, "sharpe").ifPresent(c -> {
            ObjectNode best = metrics.putObject("best_sharpe");
            best.put("combination", c.id());
            best.put("sharpe", result.metric(c.index(), "sharpe"));
            ObjectNode parameters = best.putObject("parameters");
            c.signalValues().forEach(parameters::put);
            grid.settings().keySet().forEach(k -> parameters.put(k, c.config().get(k)));
        });

        Map<Output, Optional<Panel>> tables = new EnumMap<>(Output.class);
        tables.put(Output.SWEEP_METRICS, Optional.of(metricsTable(grid, result, market)));
        tables.put(Output.SWEEP_EQUITY, Optional.of(result.equityPanel()));
        return new StagedResult(BacktestRunType.write(context, targets, tables, market, metrics), metrics);
    }

    /** The combination with the highest finite value of a metric, the first one on ties. */
    private static Optional<SweepGrid.Combination> best(SweepResult result, String metric) {
        SweepGrid.Combination best = null;
        double top = Double.NEGATIVE_INFINITY;
        for (SweepGrid.Combination c : result.combinations()) {
            double value = result.metric(c.index(), metric);
            if (Double.isFinite(value) && value > top) {
                top = value;
                best = c;
            }
        }
        return Optional.ofNullable(best);
    }

    /** One row per combination: its grid values (numeric columns when every value is a number) and metrics. */
    static Panel metricsTable(BacktestConfig.Grid grid, SweepResult result, MarketData market) {
        List<String> numeric = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        grid.parameters()
                .forEach((key, values) ->
                        (values.stream().allMatch(BacktestSweepRun::isNumber) ? numeric : labels).add(key));
        numeric.addAll(result.metricNames());
        RowPanel table = new RowPanel("sweep_metrics", numeric, labels);
        int asOf = market.epochDays()[market.dateCount() - 1];
        for (SweepGrid.Combination c : result.combinations()) {
            Map<String, String> parameters = new HashMap<>(c.signalValues());
            grid.settings().keySet().forEach(k -> parameters.put(k, c.config().get(k)));
            Map<String, Double> numbers = new HashMap<>();
            Map<String, String> words = new HashMap<>();
            parameters.forEach((key, value) -> {
                if (labels.contains(key)) {
                    words.put(key, value);
                } else {
                    numbers.put(key, Double.parseDouble(value));
                }
            });
            for (int k = 0; k < result.metricNames().size(); k++) {
                numbers.put(result.metricNames().get(k), result.metrics()[c.index()][k]);
            }
            table.add(asOf, c.id(), numbers, words);
        }
        return table.build();
    }

    private static boolean isNumber(String text) {
        try {
            return Double.isFinite(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
