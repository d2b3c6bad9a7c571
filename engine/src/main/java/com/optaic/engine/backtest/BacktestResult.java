package com.optaic.engine.backtest;

import static java.util.Objects.requireNonNull;

import com.optaic.engine.data.Panel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a backtest produced, in forms ready to be written as versioned Parquet: {@link #series()} (one
 * row per date: equity, gross and net returns, costs, turnover), {@link #positions()} (date x asset: weight,
 * shares, notional at each close), and the fills, round trips and drawdowns as lists of rows. The spec, and so
 * the execution timing, is recorded with it.
 */
public final class BacktestResult {
    /** The asset id of the single-column series panel. */
    public static final String PORTFOLIO = "portfolio";

    private final BacktestSpec spec;
    private final MarketData market;
    private final BacktestPath path;
    private final double[] weights;
    private final double[] shares;
    private final double[] notional;
    private final List<Fill> fills;
    private final List<Trade> trades;
    private final List<Drawdown> drawdowns;

    BacktestResult(
            BacktestSpec spec,
            MarketData market,
            BacktestPath path,
            double[] weights,
            double[] shares,
            double[] notional,
            List<Fill> fills,
            List<Trade> trades,
            List<Drawdown> drawdowns) {
        this.spec = requireNonNull(spec, "spec is null");
        this.market = requireNonNull(market, "market is null");
        this.path = requireNonNull(path, "path is null");
        this.weights = weights;
        this.shares = shares;
        this.notional = notional;
        this.fills = List.copyOf(fills);
        this.trades = List.copyOf(trades);
        this.drawdowns = List.copyOf(drawdowns);
    }

    public BacktestSpec spec() {
        return spec;
    }

    public BacktestPath path() {
        return path;
    }

    public List<Fill> fills() {
        return fills;
    }

    public List<Trade> trades() {
        return trades;
    }

    public List<Drawdown> drawdowns() {
        return drawdowns;
    }

    /** Weight of asset a at the close of row t (position value over equity). */
    public double weight(int t, int asset) {
        return weights[t * market.assets + asset];
    }

    public double shares(int t, int asset) {
        return shares[t * market.assets + asset];
    }

    /**
     * The per-date series as a one-asset panel ({@value #PORTFOLIO}): equity, gross_equity, net_return,
     * gross_return, cost, turnover.
     */
    public Panel series() {
        Map<String, double[]> fields = new LinkedHashMap<>();
        fields.put("equity", path.equity().clone());
        fields.put("gross_equity", path.grossEquity());
        fields.put("net_return", path.netReturns().clone());
        fields.put("gross_return", path.grossReturns().clone());
        fields.put("cost", path.costs().clone());
        fields.put("turnover", path.turnover().clone());
        return new Panel(market.epochDays.clone(), new String[] {PORTFOLIO}, null, fields, Map.of());
    }

    /** Positions at each close as a date x asset panel: weight, shares, notional (0 when not held). */
    public Panel positions() {
        Map<String, double[]> fields = new LinkedHashMap<>();
        fields.put("weight", assetMajor(weights));
        fields.put("shares", assetMajor(shares));
        fields.put("notional", assetMajor(notional));
        return new Panel(market.epochDays.clone(), market.assetIds.clone(), null, fields, Map.of());
    }

    private double[] assetMajor(double[] dateMajor) {
        int dates = market.dates;
        int assets = market.assets;
        double[] out = new double[dateMajor.length];
        for (int t = 0; t < dates; t++) {
            for (int a = 0; a < assets; a++) {
                out[a * dates + t] = dateMajor[t * assets + a];
            }
        }
        return out;
    }
}
