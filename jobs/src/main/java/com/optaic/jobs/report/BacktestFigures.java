package com.optaic.jobs.report;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.engine.backtest.BacktestPath;
import com.optaic.engine.backtest.BacktestResult;
import com.optaic.engine.backtest.Drawdown;
import com.optaic.engine.backtest.Fill;
import com.optaic.engine.backtest.Trade;
import com.optaic.engine.data.Panel;
import com.optaic.jobs.backtest.BacktestEvaluation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a backtest's tear sheet draws, from a backtest just run ({@link #of(BacktestEvaluation.Outcome)}) or from
 * a recorded BacktestRun's output tables ({@link #of(JsonNode, Panel, Optional, Optional, Optional, Optional)}).
 *
 * @param costs commission, fixed, spread, impact and borrow, in currency
 * @param drawdowns the five deepest: peak, trough, recovery, depth, bars
 * @param trades the ten largest by |net P&amp;L|: asset, side, entry, exit, net P&amp;L, return
 */
public record BacktestFigures(
        int[] epochDays,
        double initialCapital,
        double[] equity,
        double[] grossEquity,
        double[] netReturns,
        double[] turnover,
        double[] grossExposure,
        double[] netExposure,
        double[] costs,
        List<List<String>> drawdowns,
        List<List<String>> trades,
        Optional<double[]> benchmark,
        JsonNode metrics) {
    public BacktestFigures {
        requireNonNull(metrics, "metrics is null");
        drawdowns = List.copyOf(drawdowns);
        trades = List.copyOf(trades);
    }

    public static BacktestFigures of(BacktestEvaluation.Outcome outcome) {
        BacktestResult result = outcome.result();
        BacktestPath path = result.path();
        int dates = outcome.market().dateCount();
        double[] gross = new double[dates];
        double[] net = new double[dates];
        for (int t = 0; t < dates; t++) {
            for (int a = 0; a < outcome.market().assetCount(); a++) {
                double w = result.weight(t, a);
                if (Double.isFinite(w)) {
                    gross[t] += Math.abs(w);
                    net[t] += w;
                }
            }
        }
        double[] costs = new double[5];
        for (Fill fill : result.fills()) {
            costs[0] += fill.commission();
            costs[1] += fill.fixed();
            costs[2] += fill.spread();
            costs[3] += fill.impact();
        }
        result.trades().forEach(t -> costs[4] += t.borrow());
        int[] days = path.epochDays();
        List<List<String>> drawdowns = result.drawdowns().stream()
                .sorted(Comparator.comparingDouble(Drawdown::depth))
                .limit(5)
                .map(d -> List.of(
                        d.peakRow() < 0 ? "start" : date(days[d.peakRow()]),
                        date(days[d.troughRow()]),
                        d.recoveryRow() < 0 ? "not recovered" : date(days[d.recoveryRow()]),
                        Html.percent(d.depth()),
                        String.valueOf(d.length())))
                .toList();
        List<List<String>> trades = result.trades().stream()
                .sorted(Comparator.comparingDouble((Trade t) -> Math.abs(t.netPnl()))
                        .reversed())
                .limit(10)
                .map(t -> trade(
                        t.asset(),
                        t.direction(),
                        t.entryEpochDay(),
                        t.open() ? "open" : date(t.exitEpochDay()),
                        t.netPnl(),
                        t.ret()))
                .toList();
        return new BacktestFigures(
                days,
                path.initialCapital(),
                path.equity(),
                path.grossEquity(),
                path.netReturns(),
                path.turnover(),
                gross,
                net,
                costs,
                drawdowns,
                trades,
                outcome.benchmark(),
                outcome.metrics());
    }

    /** From a recorded run: its metrics and output tables (series always; the others when written). */
    public static BacktestFigures of(
            JsonNode metrics,
            Panel series,
            Optional<Panel> positions,
            Optional<Panel> fills,
            Optional<Panel> trades,
            Optional<Panel> drawdowns) {
        int[] days = series.epochDays();
        double[] equity = series.requireNumeric("equity");
        double capital = metrics.at("/spec/initial_capital").asDouble(Double.NaN);
        double[] gross = new double[days.length];
        double[] net = new double[days.length];
        positions.ifPresent(p -> {
            double[] weight = p.requireNumeric("weight");
            for (int a = 0; a < p.assetCount(); a++) {
                for (int r = 0; r < p.dateCount(); r++) {
                    int t = Arrays.binarySearch(days, p.epochDays()[r]);
                    double w = weight[a * p.dateCount() + r];
                    if (t >= 0 && p.isPresent(a, r) && Double.isFinite(w)) {
                        gross[t] += Math.abs(w);
                        net[t] += w;
                    }
                }
            }
        });
        double[] costs = new double[5];
        fills.ifPresent(f -> {
            String[] fields = {"commission", "fixed", "spread", "impact"};
            for (int k = 0; k < fields.length; k++) {
                costs[k] = sum(f, fields[k]);
            }
        });
        trades.ifPresent(t -> costs[4] = sum(t, "borrow"));
        List<List<String>> drawdownRows = new ArrayList<>();
        drawdowns.ifPresent(d -> {
            double[] depth = d.requireNumeric("depth");
            double[] length = d.requireNumeric("length");
            Panel.GroupColumn peak = d.groupFields().get("peak_date");
            Panel.GroupColumn recovery = d.groupFields().get("recovery_date");
            List<Integer> rows = new ArrayList<>();
            for (int r = 0; r < d.dateCount(); r++) {
                if (d.isPresent(0, r)) {
                    rows.add(r);
                }
            }
            rows.sort(Comparator.comparingDouble(r -> depth[r]));
            for (int r : rows.subList(0, Math.min(5, rows.size()))) {
                drawdownRows.add(List.of(
                        label(peak, r, "start"),
                        date(d.epochDays()[r]),
                        label(recovery, r, "not recovered"),
                        Html.percent(depth[r]),
                        String.valueOf((long) length[r])));
            }
        });
        List<List<String>> tradeRows = new ArrayList<>();
        trades.ifPresent(t -> {
            double[] pnl = t.requireNumeric("net_pnl");
            double[] ret = t.requireNumeric("return");
            double[] direction = t.requireNumeric("direction");
            double[] open = t.requireNumeric("open");
            Panel.GroupColumn exit = t.groupFields().get("exit_date");
            List<int[]> cells = new ArrayList<>();
            for (int a = 0; a < t.assetCount(); a++) {
                for (int r = 0; r < t.dateCount(); r++) {
                    if (t.isPresent(a, r)) {
                        cells.add(new int[] {a, r});
                    }
                }
            }
            cells.sort(Comparator.comparingDouble((int[] c) -> -Math.abs(pnl[c[0] * t.dateCount() + c[1]])));
            for (int[] c : cells.subList(0, Math.min(10, cells.size()))) {
                int i = c[0] * t.dateCount() + c[1];
                tradeRows.add(trade(
                        t.assets()[c[0]],
                        (int) direction[i],
                        t.epochDays()[c[1]],
                        open[i] == 1 ? "open" : label(exit, i, ""),
                        pnl[i],
                        ret[i]));
            }
        });
        return new BacktestFigures(
                days,
                capital,
                equity,
                series.requireNumeric("gross_equity"),
                series.requireNumeric("net_return"),
                series.requireNumeric("turnover"),
                gross,
                net,
                costs,
                drawdownRows,
                tradeRows,
                Optional.empty(),
                metrics);
    }

    private static List<String> trade(String asset, int direction, int entry, String exit, double pnl, double ret) {
        return List.of(asset, direction > 0 ? "long" : "short", date(entry), exit, Html.number(pnl), Html.percent(ret));
    }

    private static String label(Panel.GroupColumn column, int cell, String missing) {
        if (column == null) {
            return missing;
        }
        double code = column.codes()[cell];
        return Double.isFinite(code) ? column.labels()[(int) code] : missing;
    }

    private static double sum(Panel panel, String field) {
        double[] values = panel.requireNumeric(field);
        double total = 0;
        for (int i = 0; i < values.length; i++) {
            if (Double.isFinite(values[i])) {
                total += values[i];
            }
        }
        return total;
    }

    private static String date(int epochDay) {
        return LocalDate.ofEpochDay(epochDay).toString();
    }
}
