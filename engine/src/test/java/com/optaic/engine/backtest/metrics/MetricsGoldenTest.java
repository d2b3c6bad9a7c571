package com.optaic.engine.backtest.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.engine.data.Panel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Compares the metrics with {@code backtest/metrics/expected.csv}, written by the independent pandas/numpy/scipy
 * script {@code generate.py} beside it, to 1e-10: two return series (missing periods, a flat stretch, a
 * drawdown never recovered, a first-period loss, a benchmark) under the three presets, a weights panel's
 * turnover, trades, and a signal panel's IC, rank IC and quantile spreads.
 */
class MetricsGoldenTest {
    private static final double TOLERANCE = 1e-10;
    private static Map<String, Double> expected;
    private static Map<String, List<String[]>> series;

    @BeforeAll
    static void load() throws IOException {
        expected = new HashMap<>();
        for (String[] f : csv("expected.csv")) {
            expected.put(f[0] + "," + f[1] + "," + f[2] + "," + f[3], number(f[4]));
        }
        series = new LinkedHashMap<>();
        for (String[] f : csv("series.csv")) {
            series.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f);
        }
    }

    @ParameterizedTest
    @CsvSource({"main", "recovers"})
    void performanceMatchesTheReferenceUnderEveryPreset(String name) {
        List<String[]> rows = series.get(name);
        LocalDate[] dates = rows.stream().map(f -> LocalDate.parse(f[1])).toArray(LocalDate[]::new);
        double[] returns = rows.stream().mapToDouble(f -> number(f[2])).toArray();
        double[] benchmark = rows.stream().mapToDouble(f -> number(f[3])).toArray();
        int compared = 0;
        for (MetricPreset preset : MetricPreset.values()) {
            for (double[] setting : new double[][] {{0.0, 252}, {0.03, 252}, {0.03, 52}}) {
                MetricConventions conventions =
                        new MetricConventions(preset, (int) setting[1], setting[0], List.of(1), 5);
                PerformanceReport report = PerformanceMetrics.compute(
                        PerformanceInput.of(dates, returns).withBenchmark(benchmark), conventions);
                String key = "perf," + name + "," + preset.label() + "|" + setting[0] + "|" + (int) setting[1] + ",";
                Map<String, Double> actual = new LinkedHashMap<>();
                actual.put("periods", (double) report.periods());
                actual.put("observed", (double) report.observed());
                actual.put("total_return", report.totalReturn());
                actual.put("cagr", report.cagr());
                actual.put("annual_volatility", report.annualVolatility());
                actual.put("sharpe", report.sharpe());
                actual.put("sortino", report.sortino());
                actual.put("max_drawdown", report.drawdown().depth());
                actual.put("drawdown_peak", dateCode(report.drawdownPeak()));
                actual.put("drawdown_trough", dateCode(report.drawdownTrough()));
                actual.put("drawdown_recovery", dateCode(report.drawdownRecovery()));
                actual.put("drawdown_length", (double) report.drawdown().length());
                actual.put("longest_drawdown", (double) report.drawdown().longest());
                actual.put("calmar", report.calmar());
                actual.put("hit_rate", report.hitRate());
                actual.put("beta", report.beta());
                actual.put("alpha", report.alpha());
                actual.put("information_ratio", report.informationRatio());
                for (Map.Entry<String, Double> metric : actual.entrySet()) {
                    close(metric.getValue(), key + metric.getKey());
                    compared++;
                }
            }
        }
        assertThat(compared).isEqualTo(3 * 3 * 18);
    }

    @Test
    void theFixturesExerciseWhatTheyClaim() {
        // the main series never recovers; the second recovers, and only a prepended capital sees its first loss
        assertThat(exp("perf,main,optaic|0.0|252,drawdown_recovery")).isZero();
        assertThat(exp("perf,recovers,optaic|0.0|252,drawdown_peak")).isZero();
        assertThat(exp("perf,recovers,optaic|0.0|252,max_drawdown"))
                .isLessThan(exp("perf,recovers,quantstats|0.0|252,max_drawdown"));
        assertThat(exp("perf,main,empyrical|0.03|252,cagr")).isNotEqualTo(exp("perf,main,optaic|0.03|252,cagr"));
    }

    @Test
    void turnoverAndTradeHitRateMatchTheReference() {
        List<String[]> rows = csv("weights.csv");
        int periods = rows.size();
        int assets = rows.get(0).length - 1;
        double[] weights = new double[periods * assets];
        for (int t = 0; t < periods; t++) {
            for (int a = 0; a < assets; a++) {
                weights[a * periods + t] = number(rows.get(t)[a + 1]);
            }
        }
        double[] turnover = PerformanceMetrics.turnover(weights, periods, assets);
        for (int t = 0; t < periods; t++) {
            close(turnover[t], "turnover," + rows.get(t)[0] + ",,");
        }
        double[] pnl = csv("trades.csv").stream().mapToDouble(f -> number(f[0])).toArray();
        List<String[]> main = series.get("main");
        PerformanceReport report = PerformanceMetrics.compute(
                PerformanceInput.of(
                                main.stream().map(f -> LocalDate.parse(f[1])).toArray(LocalDate[]::new),
                                main.stream().mapToDouble(f -> number(f[2])).toArray())
                        .withTurnover(turnover)
                        .withTradePnl(pnl),
                MetricConventions.defaults(MetricPreset.OPTAIC));
        close(report.turnover(), "turnover_mean,,,");
        assertThat(report.annualTurnover()).isEqualTo(report.turnover() * 252);
        close(report.tradeHitRate(), "trade_hit_rate,,,");
        assertThat(report.trades()).isEqualTo(pnl.length);
    }

    @Test
    void signalMetricsMatchTheReference() {
        List<String[]> rows = csv("panel.csv");
        TreeSet<LocalDate> calendar = new TreeSet<>();
        TreeSet<String> names = new TreeSet<>();
        rows.forEach(f -> {
            calendar.add(LocalDate.parse(f[0]));
            names.add(f[1]);
        });
        List<LocalDate> dates = new ArrayList<>(calendar);
        List<String> assets = new ArrayList<>(names);
        int cells = dates.size() * assets.size();
        boolean[] present = new boolean[cells];
        double[] signal = new double[cells];
        double[] close = new double[cells];
        Arrays.fill(signal, Double.NaN);
        Arrays.fill(close, Double.NaN);
        for (String[] f : rows) {
            int cell = assets.indexOf(f[1]) * dates.size() + dates.indexOf(LocalDate.parse(f[0]));
            present[cell] = true;
            signal[cell] = number(f[2]);
            close[cell] = number(f[3]);
        }
        Panel panel = new Panel(
                dates.stream().mapToInt(d -> (int) d.toEpochDay()).toArray(),
                assets.toArray(String[]::new),
                present,
                Map.of("signal", signal, "close", close),
                Map.of());
        List<SignalMetrics.Horizon> horizons = SignalMetrics.compute(panel, signal, close, List.of(1, 5, 10), 5);
        int nanDates = 0;
        for (SignalMetrics.Horizon h : horizons) {
            for (int t = 0; t < dates.size(); t++) {
                close(h.ic()[t], "ic," + h.bars() + "," + dates.get(t) + ",");
                close(h.rankIc()[t], "rank_ic," + h.bars() + "," + dates.get(t) + ",");
                close(h.spread()[t], "spread," + h.bars() + "," + dates.get(t) + ",");
                nanDates += Double.isNaN(h.ic()[t]) ? 1 : 0;
            }
            summary(h.icSummary(), "ic_summary," + h.bars());
            summary(h.rankIcSummary(), "rank_ic_summary," + h.bars());
            summary(h.spreadSummary(), "spread_summary," + h.bars());
            for (int q = 0; q < 5; q++) {
                close(h.quantileMeans()[q], "q_mean," + h.bars() + "," + (q + 1) + ",");
            }
        }
        assertThat(nanDates)
                .as("dates without an IC (constant or too thin cross-sections)")
                .isGreaterThan(10);
    }

    private static void summary(SeriesSummary summary, String key) {
        close(summary.count(), key + ",count,");
        close(summary.mean(), key + ",mean,");
        close(summary.std(), key + ",std,");
        close(summary.ratio(), key + ",ratio,");
        close(summary.tStat(), key + ",t_stat,");
    }

    private static double dateCode(Optional<LocalDate> date) {
        return date.map(d -> Double.parseDouble(d.format(DateTimeFormatter.BASIC_ISO_DATE)))
                .orElse(0.0);
    }

    private static double exp(String key) {
        Double want = expected.get(key);
        assertThat(want).as("golden value %s", key).isNotNull();
        return want;
    }

    private static void close(double actual, String key) {
        double want = exp(key);
        if (Double.isNaN(want)) {
            assertThat(actual).as(key).isNaN();
            return;
        }
        assertThat(Math.abs(actual - want))
                .as("%s: %s vs %s", key, actual, want)
                .isLessThanOrEqualTo(TOLERANCE * Math.max(1, Math.abs(want)));
    }

    private static double number(String text) {
        return text.isEmpty() ? Double.NaN : Double.parseDouble(text);
    }

    private static List<String[]> csv(String name) {
        try (InputStream in = MetricsGoldenTest.class.getResourceAsStream("/backtest/metrics/" + name)) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            return lines.subList(1, lines.size()).stream()
                    .map(l -> l.split(",", -1))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
