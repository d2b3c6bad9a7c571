package com.optaic.jobs.backtest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.engine.backtest.BacktestResult;
import com.optaic.engine.backtest.BacktestSpec;
import com.optaic.engine.backtest.MarketData;
import com.optaic.engine.backtest.SignalBook;
import com.optaic.engine.backtest.Simulator;
import com.optaic.engine.backtest.Trade;
import com.optaic.engine.backtest.metrics.MetricConventions;
import com.optaic.engine.backtest.metrics.PerformanceInput;
import com.optaic.engine.backtest.metrics.PerformanceMetrics;
import com.optaic.engine.backtest.metrics.SignalMetrics;
import com.optaic.engine.data.Panel;
import com.optaic.jobs.run.StagedResult;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * One backtest and its metrics, the same for a BacktestRun and for {@code optaic backtest}: the signal (an
 * expression over {@code signalData}, or a field of it) traded by the engine's {@link Simulator} on the prices,
 * and the metrics object a run records: conventions, spec, timing, dates and assets, net and gross performance
 * (with the benchmark's when there is one), fills, open trades and the signal's IC at each horizon.
 */
public final class BacktestEvaluation {
    /** The market traded, the simulator's result, the metrics and the benchmark's returns (if any). */
    public record Outcome(MarketData market, BacktestResult result, ObjectNode metrics, Optional<double[]> benchmark) {}

    private BacktestEvaluation() {}

    /**
     * @param signal the signal's source: its expression (evaluated over {@code signalData}) or its field
     * @param benchmark the benchmark's simple returns on the market's calendar, if there is one
     */
    public static Outcome run(
            Panel prices,
            Panel signalData,
            BacktestConfig.Signal signal,
            BacktestSpec spec,
            MetricConventions conventions,
            Function<MarketData, Optional<double[]>> benchmark) {
        MarketData market = MarketData.of(prices);
        SignalBook book = signal.expression().isPresent()
                ? SignalBook.evaluate(
                        market, signalData, "signal = " + signal.expression().get(), "signal")
                : SignalBook.align(market, signalData, signal.field().orElseThrow());
        BacktestResult result = new Simulator(market).run(book, spec);

        ObjectNode metrics = StagedResult.newMetrics();
        metrics.set("conventions", conventions.toJson());
        ObjectNode settings = metrics.putObject("spec");
        spec.toConfig().forEach(settings::put);
        ObjectNode timing = metrics.putObject("timing");
        timing.put("signal_lag", spec.timing().signalLag());
        timing.put("fill_price", spec.timing().fillPrice().name().toLowerCase(Locale.ROOT));
        timing.put("allow_same_bar", spec.timing().allowSameBar());
        metrics.put("dates", market.dateCount());
        metrics.put("assets", market.assetCount());
        Optional<double[]> benchmarkReturns = benchmark.apply(market);
        performance(conventions, result, benchmarkReturns, metrics);
        ObjectNode signalMetrics = metrics.putObject("signal");
        for (SignalMetrics.Horizon horizon : SignalMetrics.compute(
                prices,
                assetMajor(book, market),
                prices.requireNumeric("close"),
                conventions.icHorizons(),
                conventions.quantiles())) {
            signalMetrics.set("h" + horizon.bars(), horizon.toJson());
        }
        return new Outcome(market, result, metrics, benchmarkReturns);
    }

    private static void performance(
            MetricConventions conventions, BacktestResult result, Optional<double[]> benchmark, ObjectNode metrics) {
        int[] days = result.path().epochDays();
        LocalDate[] dates = Arrays.stream(days).mapToObj(LocalDate::ofEpochDay).toArray(LocalDate[]::new);
        double[] pnl = result.trades().stream()
                .filter(t -> !t.open())
                .mapToDouble(Trade::netPnl)
                .toArray();
        for (String side : List.of("net", "gross")) {
            double[] returns = side.equals("net")
                    ? result.path().netReturns()
                    : result.path().grossReturns();
            PerformanceInput input = PerformanceInput.of(dates, returns)
                    .withTurnover(result.path().turnover())
                    .withTradePnl(pnl);
            if (benchmark.isPresent()) {
                input = input.withBenchmark(benchmark.get());
            }
            metrics.set(side, PerformanceMetrics.compute(input, conventions).toJson());
        }
        metrics.put("fills", result.fills().size());
        metrics.put("open_trades", result.trades().stream().filter(Trade::open).count());
    }

    private static double[] assetMajor(SignalBook book, MarketData market) {
        int dates = market.dateCount();
        double[] values = new double[dates * market.assetCount()];
        for (int a = 0; a < market.assetCount(); a++) {
            for (int t = 0; t < dates; t++) {
                values[a * dates + t] = book.value(t, a);
            }
        }
        return values;
    }
}
