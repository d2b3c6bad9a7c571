package com.optaic.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.engine.backtest.sweep.SweepGrid;
import com.optaic.engine.backtest.sweep.SweepResult;
import com.optaic.jobs.backtest.BacktestConfig;
import com.optaic.jobs.backtest.BacktestEvaluation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tear sheet of a backtest: equity against the benchmark, the underwater curve, monthly returns, rolling
 * Sharpe and volatility, exposure and turnover, the cost breakdown, the deepest drawdowns and largest trades, the
 * metrics; of a sweep: Sharpe over two grid axes, the best combinations and their equity. Lineage last.
 */
public final class BacktestReport {
    /** Six months of daily bars: the rolling window. */
    static final int ROLLING_BARS = 126;

    /** The charts a single backtest's report draws (a test counts them in the browser). */
    public static final int SINGLE_CHARTS = 8;

    /** The charts a sweep's report draws. */
    public static final int SWEEP_CHARTS = 2;

    private BacktestReport() {}

    public static ReportPage single(BacktestEvaluation.Outcome outcome, Lineage lineage) {
        return single(BacktestFigures.of(outcome), lineage);
    }

    public static ReportPage single(BacktestFigures figures, Lineage lineage) {
        JsonNode metrics = figures.metrics();
        int periods = metrics.at("/conventions/periods_per_year").asInt(252);
        int[] days = figures.epochDays();
        ReportPage page = new ReportPage("Backtest tear sheet");
        page.note(metrics.get("dates").asInt() + " dates x "
                + metrics.get("assets").asInt() + " assets, "
                + LocalDate.ofEpochDay(days[0]) + " to " + LocalDate.ofEpochDay(days[days.length - 1])
                + "; metrics with the " + metrics.at("/conventions/preset").asText() + " conventions ("
                + periods + " periods a year, risk-free rate "
                + metrics.at("/conventions/risk_free_rate").asDouble()
                + ")");
        page.section("Equity").add(LineChart.draw("Growth of 1", days, equitySeries(figures), Html::number));
        page.add(AreaChart.draw(
                "Drawdown (underwater)", days, List.of(new Series("net", drawdown(figures))), Html::percent));
        page.section("Returns").add(monthlyHeatmap(days, figures.netReturns()));
        page.add(LineChart.draw(
                "Rolling 6-month Sharpe",
                days,
                List.of(new Series("sharpe", rolling(figures.netReturns(), periods, true))),
                Html::number));
        page.add(LineChart.draw(
                "Rolling 6-month volatility",
                days,
                List.of(new Series("volatility", rolling(figures.netReturns(), periods, false))),
                Html::percent));
        page.section("Exposure and turnover")
                .add(LineChart.draw(
                        "Exposure",
                        days,
                        List.of(new Series("gross", figures.grossExposure()), new Series("net", figures.netExposure())),
                        Html::percent));
        page.add(LineChart.draw("Turnover", days, List.of(new Series("turnover", figures.turnover())), Html::percent));
        double[] costs = figures.costs().clone();
        for (int i = 0; i < costs.length; i++) {
            costs[i] /= figures.initialCapital();
        }
        page.section("Costs")
                .add(BarChart.draw(
                        "Costs as a share of the initial capital",
                        List.of("commission", "fixed", "spread", "impact", "borrow"),
                        costs,
                        Html::percent));
        page.section("Metrics").add(metricsTable(metrics));
        page.section("Deepest drawdowns")
                .add(Html.table(List.of("peak", "trough", "recovery", "depth", "bars"), figures.drawdowns()));
        page.section("Largest trades")
                .add(Html.table(List.of("asset", "side", "entry", "exit", "net P&L", "return"), figures.trades()));
        page.section("Lineage").add(lineage.html());
        return page;
    }

    public static ReportPage sweep(BacktestConfig.Grid grid, SweepResult sweep, Lineage lineage) {
        ReportPage page = new ReportPage("Backtest sweep");
        List<String> axes = new ArrayList<>(grid.parameters().keySet());
        page.note(sweep.combinations().size() + " combinations over " + axes);
        int sharpe = sweep.metricNames().indexOf("sharpe");
        page.section("Sharpe over the grid").add(sharpeHeatmap(grid, sweep, axes, sharpe));
        List<SweepGrid.Combination> best = sweep.combinations().stream()
                .sorted(Comparator.comparingDouble(
                                (SweepGrid.Combination c) -> finiteOr(sweep.metrics()[c.index()][sharpe]))
                        .reversed())
                .limit(10)
                .toList();
        List<String> header = new ArrayList<>(List.of("combination"));
        header.addAll(axes);
        header.addAll(sweep.metricNames());
        List<List<String>> rows = new ArrayList<>();
        for (SweepGrid.Combination c : best) {
            List<String> row = new ArrayList<>(List.of(c.id()));
            axes.forEach(a -> row.add(value(grid, c, a)));
            for (double v : sweep.metrics()[c.index()]) {
                row.add(Html.number(v));
            }
            rows.add(row);
        }
        page.section("Top combinations by Sharpe").add(Html.table(header, rows));
        List<Series> curves = new ArrayList<>();
        for (SweepGrid.Combination c : best.subList(0, Math.min(5, best.size()))) {
            double[] equity = sweep.equity()[c.index()];
            double start = equity.length > 0 && equity[0] != 0 ? equity[0] : 1;
            double[] scaled = new double[equity.length];
            for (int t = 0; t < equity.length; t++) {
                scaled[t] = equity[t] / start;
            }
            curves.add(new Series(c.id(), scaled));
        }
        page.add(LineChart.draw("Equity of the top five", sweep.epochDays(), curves, Html::number));
        page.section("Lineage").add(lineage.html());
        return page;
    }

    private static double finiteOr(double v) {
        return Double.isFinite(v) ? v : Double.NEGATIVE_INFINITY;
    }

    static String value(BacktestConfig.Grid grid, SweepGrid.Combination c, String parameter) {
        return grid.signalParameters().containsKey(parameter)
                ? c.signalValues().get(parameter)
                : c.config().get(parameter);
    }

    /** Sharpe over the first two axes (the best over any others); one axis is a one-row map. */
    private static String sharpeHeatmap(BacktestConfig.Grid grid, SweepResult sweep, List<String> axes, int sharpe) {
        List<String> rows = axes.size() > 1 ? grid.parameters().get(axes.get(1)) : List.of("sharpe");
        List<String> columns = grid.parameters().get(axes.get(0));
        double[][] values = new double[rows.size()][columns.size()];
        for (double[] row : values) {
            Arrays.fill(row, Double.NaN);
        }
        for (SweepGrid.Combination c : sweep.combinations()) {
            int col = columns.indexOf(value(grid, c, axes.get(0)));
            int row = axes.size() > 1 ? rows.indexOf(value(grid, c, axes.get(1))) : 0;
            double v = sweep.metrics()[c.index()][sharpe];
            if (Double.isFinite(v) && (Double.isNaN(values[row][col]) || v > values[row][col])) {
                values[row][col] = v;
            }
        }
        String title = "Sharpe: " + axes.get(0) + " across" + (axes.size() > 1 ? ", " + axes.get(1) + " down" : "")
                + (axes.size() > 2 ? " (best over " + axes.subList(2, axes.size()) + ")" : "");
        return Heatmap.draw(title, rows, columns, values, Html::number);
    }

    private static List<Series> equitySeries(BacktestFigures figures) {
        List<Series> series = new ArrayList<>();
        double[] net = new double[figures.equity().length];
        double[] gross = new double[net.length];
        for (int t = 0; t < net.length; t++) {
            net[t] = figures.equity()[t] / figures.initialCapital();
            gross[t] = figures.grossEquity()[t] / figures.initialCapital();
        }
        series.add(new Series("net", net));
        series.add(new Series("gross", gross));
        figures.benchmark().ifPresent(returns -> {
            double[] growth = new double[returns.length];
            double w = 1;
            for (int t = 0; t < returns.length; t++) {
                if (Double.isFinite(returns[t])) {
                    w *= 1 + returns[t];
                }
                growth[t] = w;
            }
            series.add(new Series("benchmark", growth));
        });
        return series;
    }

    static double[] drawdown(BacktestFigures figures) {
        double[] out = new double[figures.equity().length];
        double peak = figures.initialCapital();
        for (int t = 0; t < out.length; t++) {
            peak = Math.max(peak, figures.equity()[t]);
            out[t] = figures.equity()[t] / peak - 1;
        }
        return out;
    }

    /** Compounded net returns by calendar month: years down, months across. */
    static String monthlyHeatmap(int[] days, double[] returns) {
        Map<Integer, double[]> years = new LinkedHashMap<>();
        for (int t = 0; t < days.length; t++) {
            LocalDate date = LocalDate.ofEpochDay(days[t]);
            double[] months = years.computeIfAbsent(date.getYear(), y -> {
                double[] m = new double[12];
                Arrays.fill(m, Double.NaN);
                return m;
            });
            int m = date.getMonthValue() - 1;
            if (Double.isFinite(returns[t])) {
                months[m] = (Double.isNaN(months[m]) ? 1 : 1 + months[m]) * (1 + returns[t]) - 1;
            }
        }
        List<String> rows = years.keySet().stream().map(String::valueOf).toList();
        List<String> columns =
                List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");
        return Heatmap.draw(
                "Monthly net returns", rows, columns, years.values().toArray(double[][]::new), Html::percent);
    }

    /** Over the last {@link #ROLLING_BARS} bars: the annualised Sharpe (rf 0) or volatility; NaN before. */
    static double[] rolling(double[] returns, int periods, boolean sharpe) {
        double[] out = new double[returns.length];
        Arrays.fill(out, Double.NaN);
        for (int t = ROLLING_BARS - 1; t < returns.length; t++) {
            double sum = 0;
            double squares = 0;
            for (int k = t - ROLLING_BARS + 1; k <= t; k++) {
                sum += returns[k];
                squares += returns[k] * returns[k];
            }
            double mean = sum / ROLLING_BARS;
            double sd = Math.sqrt(Math.max(0, (squares - ROLLING_BARS * mean * mean) / (ROLLING_BARS - 1)));
            out[t] = sharpe ? (sd > 0 ? mean / sd * Math.sqrt(periods) : Double.NaN) : sd * Math.sqrt(periods);
        }
        return out;
    }

    private static String metricsTable(JsonNode metrics) {
        JsonNode net = metrics.get("net");
        JsonNode gross = metrics.get("gross");
        List<List<String>> rows = new ArrayList<>();
        for (Iterator<String> it = net.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (net.get(key).isNumber()) {
                rows.add(List.of(
                        key,
                        Html.number(net.get(key).asDouble()),
                        Html.number(gross.path(key).asDouble(Double.NaN))));
            }
        }
        StringBuilder out = new StringBuilder(Html.table(List.of("metric", "net", "gross"), rows));
        List<List<String>> signal = new ArrayList<>();
        metrics.get("signal")
                .fields()
                .forEachRemaining(h -> signal.add(List.of(
                        h.getKey(),
                        Html.number(h.getValue().at("/ic/mean").asDouble(Double.NaN)),
                        Html.number(h.getValue().at("/rank_ic/mean").asDouble(Double.NaN)),
                        Html.number(h.getValue().at("/quantile_spread/mean").asDouble(Double.NaN)))));
        out.append(Html.table(List.of("horizon", "IC mean", "rank IC mean", "quantile spread mean"), signal));
        return out.toString();
    }
}
