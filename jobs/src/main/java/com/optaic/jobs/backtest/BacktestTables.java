package com.optaic.jobs.backtest;

import com.optaic.engine.backtest.BacktestPath;
import com.optaic.engine.backtest.BacktestResult;
import com.optaic.engine.backtest.Drawdown;
import com.optaic.engine.backtest.Fill;
import com.optaic.engine.backtest.Trade;
import com.optaic.engine.data.Panel;
import com.optaic.jobs.backtest.BacktestConfig.Output;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A backtest's results as the panels its output datasets hold:
 * <ul>
 *   <li>series (asset {@value BacktestResult#PORTFOLIO}): equity, gross_equity, net_return, gross_return, cost,
 *       turnover, and drawdown (equity over its running peak, the initial capital included, minus 1);</li>
 *   <li>positions: weight, shares, notional at each close;</li>
 *   <li>fills, per bar and asset: requested_shares, filled_shares, fill_price, notional, commission, fixed,
 *       spread, impact, cost, participation, and reason (rebalance | delist). When a delisting follows a
 *       rebalance on the same bar, the row sums both (fill_price is then their notional-weighted mean, reason
 *       {@code rebalance+delist});</li>
 *   <li>trades, by entry date and asset: direction, exit_date, entry_price, exit_price, max_shares, gross_pnl,
 *       costs, borrow, net_pnl, return, duration_bars, duration_days, open (1 when still open at the end);</li>
 *   <li>drawdowns, by trough date (asset {@value BacktestResult#PORTFOLIO}): depth, length, peak_value,
 *       trough_value, peak_date ({@code start} for the initial capital), recovery_date (missing if never).</li>
 * </ul>
 * An empty table (no fills, no trades, no drawdown) has no panel.
 */
final class BacktestTables {
    private BacktestTables() {}

    static Map<Output, Optional<Panel>> of(BacktestResult result) {
        Map<Output, Optional<Panel>> tables = new EnumMap<>(Output.class);
        tables.put(Output.SERIES, Optional.of(series(result)));
        tables.put(Output.POSITIONS, Optional.of(result.positions()));
        tables.put(Output.FILLS, fills(result.fills()));
        tables.put(Output.TRADES, trades(result.trades()));
        tables.put(Output.DRAWDOWNS, drawdowns(result.drawdowns(), result.path()));
        return tables;
    }

    private static Panel series(BacktestResult result) {
        Panel series = result.series();
        BacktestPath path = result.path();
        double[] drawdown = new double[path.equity().length];
        double peak = path.initialCapital();
        for (int t = 0; t < drawdown.length; t++) {
            peak = Math.max(peak, path.equity()[t]);
            drawdown[t] = path.equity()[t] / peak - 1;
        }
        Map<String, double[]> fields = new LinkedHashMap<>(series.numericFields());
        fields.put("drawdown", drawdown);
        return new Panel(series.epochDays(), series.assets(), series.presence(), fields, Map.of());
    }

    private static Optional<Panel> fills(List<Fill> fills) {
        RowPanel table = new RowPanel(
                "fills",
                List.of(
                        "requested_shares",
                        "filled_shares",
                        "fill_price",
                        "notional",
                        "commission",
                        "fixed",
                        "spread",
                        "impact",
                        "cost",
                        "participation"),
                List.of("reason"));
        Map<String, Fill> previous = new HashMap<>();
        Map<String, Map<String, Double>> merged = new LinkedHashMap<>();
        Map<String, String> reasons = new HashMap<>();
        for (Fill fill : fills) {
            String key = fill.epochDay() + "|" + fill.asset();
            Map<String, Double> row = merged.computeIfAbsent(key, k -> new HashMap<>());
            add(row, "requested_shares", fill.requestedShares());
            add(row, "filled_shares", fill.shares());
            add(row, "notional", fill.notional());
            add(row, "commission", fill.commission());
            add(row, "fixed", fill.fixed());
            add(row, "spread", fill.spread());
            add(row, "impact", fill.impact());
            add(row, "cost", fill.cost());
            add(row, "participation", fill.participation());
            add(row, "abs_shares", Math.abs(fill.shares()));
            String reason = fill.reason().name().toLowerCase(Locale.ROOT);
            reasons.merge(key, reason, (a, b) -> a + "+" + b);
            previous.put(key, fill);
        }
        merged.forEach((key, row) -> {
            double shares = row.remove("abs_shares");
            row.put("fill_price", shares == 0 ? previous.get(key).price() : row.get("notional") / shares);
            Fill any = previous.get(key);
            table.add(any.epochDay(), any.asset(), row, Map.of("reason", reasons.get(key)));
        });
        return table.isEmpty() ? Optional.empty() : Optional.of(table.build());
    }

    private static void add(Map<String, Double> row, String field, double value) {
        row.merge(field, value, Double::sum);
    }

    private static Optional<Panel> trades(List<Trade> trades) {
        RowPanel table = new RowPanel(
                "trades",
                List.of(
                        "direction",
                        "entry_price",
                        "exit_price",
                        "max_shares",
                        "gross_pnl",
                        "costs",
                        "borrow",
                        "net_pnl",
                        "return",
                        "duration_bars",
                        "duration_days",
                        "open"),
                List.of("exit_date"));
        for (Trade trade : trades) {
            Map<String, Double> row = new HashMap<>();
            row.put("direction", (double) trade.direction());
            row.put("entry_price", trade.entryPrice());
            row.put("exit_price", trade.exitPrice());
            row.put("max_shares", trade.maxShares());
            row.put("gross_pnl", trade.grossPnl());
            row.put("costs", trade.costs());
            row.put("borrow", trade.borrow());
            row.put("net_pnl", trade.netPnl());
            row.put("return", trade.ret());
            row.put("duration_bars", (double) trade.durationBars());
            row.put("duration_days", (double) trade.durationDays());
            row.put("open", trade.open() ? 1.0 : 0.0);
            table.add(
                    trade.entryEpochDay(),
                    trade.asset(),
                    row,
                    Map.of(
                            "exit_date",
                            LocalDate.ofEpochDay(trade.exitEpochDay()).toString()));
        }
        return table.isEmpty() ? Optional.empty() : Optional.of(table.build());
    }

    private static Optional<Panel> drawdowns(List<Drawdown> drawdowns, BacktestPath path) {
        RowPanel table = new RowPanel(
                "drawdowns",
                List.of("depth", "length", "peak_value", "trough_value"),
                List.of("peak_date", "recovery_date"));
        int[] days = path.epochDays();
        for (Drawdown drawdown : drawdowns) {
            Map<String, String> labels = new HashMap<>();
            labels.put(
                    "peak_date",
                    drawdown.peakRow() < 0
                            ? "start"
                            : LocalDate.ofEpochDay(days[drawdown.peakRow()]).toString());
            if (drawdown.recoveryRow() >= 0) {
                labels.put(
                        "recovery_date",
                        LocalDate.ofEpochDay(days[drawdown.recoveryRow()]).toString());
            }
            table.add(
                    days[drawdown.troughRow()],
                    BacktestResult.PORTFOLIO,
                    Map.of(
                            "depth",
                            drawdown.depth(),
                            "length",
                            (double) drawdown.length(),
                            "peak_value",
                            drawdown.peakValue(),
                            "trough_value",
                            drawdown.troughValue()),
                    labels);
        }
        return table.isEmpty() ? Optional.empty() : Optional.of(table.build());
    }
}
