package com.optaic.engine.backtest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What a full simulation keeps besides its series: the fills, the positions at each close, and the round
 * trips, built as the fills happen (a fill that crosses zero closes one trip and opens the next, its costs
 * split in proportion to the shares of each part).
 */
final class Recorder {
    private final MarketData market;
    private final List<Fill> fills = new ArrayList<>();
    private final List<Trade> trades = new ArrayList<>();
    private final double[] weights;
    private final double[] positionShares;
    private final double[] notional;
    // The open trip of each asset.
    private final int[] entryRow;
    private final double[] entryShares;
    private final double[] entryNotional;
    private final double[] exitShares;
    private final double[] exitNotional;
    private final double[] cashFlow;
    private final double[] tripCosts;
    private final double[] tripBorrow;
    private final double[] maxShares;

    Recorder(MarketData market) {
        this.market = market;
        int cells = market.dates * market.assets;
        this.weights = new double[cells];
        this.positionShares = new double[cells];
        this.notional = new double[cells];
        int n = market.assets;
        this.entryRow = new int[n];
        Arrays.fill(entryRow, -1);
        this.entryShares = new double[n];
        this.entryNotional = new double[n];
        this.exitShares = new double[n];
        this.exitNotional = new double[n];
        this.cashFlow = new double[n];
        this.tripCosts = new double[n];
        this.tripBorrow = new double[n];
        this.maxShares = new double[n];
    }

    /** A fill of {@code filled} shares of an asset that held {@code before} shares. */
    void fill(
            int row,
            int asset,
            Fill.Reason reason,
            double requested,
            double filled,
            double price,
            double commission,
            double fixed,
            double spread,
            double impact,
            double participation,
            double before) {
        fills.add(new Fill(
                row,
                market.epochDays[row],
                market.assetIds[asset],
                reason,
                requested,
                filled,
                price,
                commission,
                fixed,
                spread,
                impact,
                participation));
        double cost = commission + fixed + spread + impact;
        double after = filled == -before ? 0 : before + filled;
        boolean crosses = before != 0 && after != 0 && Math.signum(before) != Math.signum(after);
        if (crosses) {
            double closingPart = -before;
            double share = Math.abs(closingPart) / Math.abs(filled);
            apply(row, asset, before, closingPart, price, cost * share);
            finish(row, asset, before, price, false, 0);
            apply(row, asset, 0, filled - closingPart, price, cost * (1 - share));
        } else {
            apply(row, asset, before, filled, price, cost);
            if (after == 0) {
                finish(row, asset, before, price, false, 0);
            }
        }
    }

    private void apply(int row, int asset, double before, double filled, double price, double cost) {
        if (before == 0) {
            entryRow[asset] = row;
        }
        boolean increases = Math.abs(before + filled) > Math.abs(before);
        double tradedNotional = Math.abs(filled) * price;
        // Entry side: buys of a long, sells of a short (increasing the position); exit side the opposite.
        if (increases) {
            entryShares[asset] += Math.abs(filled);
            entryNotional[asset] += tradedNotional;
        } else {
            exitShares[asset] += Math.abs(filled);
            exitNotional[asset] += tradedNotional;
        }
        cashFlow[asset] -= filled * price;
        tripCosts[asset] += cost;
        maxShares[asset] = Math.max(maxShares[asset], Math.abs(before + filled));
    }

    void borrow(int asset, double fee) {
        tripBorrow[asset] += fee;
    }

    /** Closes the asset's trip: direction from the position it had; an open trip is marked at {@code mark}. */
    private void finish(int row, int asset, double position, double mark, boolean open, double heldShares) {
        double gross = cashFlow[asset] + heldShares * mark;
        double net = gross - tripCosts[asset] - tripBorrow[asset];
        double exitCount = exitShares[asset] + (open ? Math.abs(heldShares) : 0);
        double exitValue = exitNotional[asset] + (open ? Math.abs(heldShares) * mark : 0);
        trades.add(new Trade(
                market.assetIds[asset],
                position > 0 ? 1 : -1,
                entryRow[asset],
                market.epochDays[entryRow[asset]],
                row,
                market.epochDays[row],
                entryNotional[asset] / entryShares[asset],
                exitCount > 0 ? exitValue / exitCount : Double.NaN,
                maxShares[asset],
                gross,
                tripCosts[asset],
                tripBorrow[asset],
                net,
                net / entryNotional[asset],
                open));
        entryRow[asset] = -1;
        entryShares[asset] = 0;
        entryNotional[asset] = 0;
        exitShares[asset] = 0;
        exitNotional[asset] = 0;
        cashFlow[asset] = 0;
        tripCosts[asset] = 0;
        tripBorrow[asset] = 0;
        maxShares[asset] = 0;
    }

    /** The positions after bar {@code row}'s close. */
    void close(int row, double[] shares, double[] marks, double equity) {
        int base = row * market.assets;
        for (int a = 0; a < market.assets; a++) {
            double held = shares[a];
            positionShares[base + a] = held;
            double value = held == 0 ? 0 : held * marks[a];
            notional[base + a] = value;
            weights[base + a] = value / equity;
        }
    }

    BacktestResult result(BacktestSpec spec, BacktestPath path, double[] marks, double[] shares) {
        int last = market.dates - 1;
        for (int a = 0; a < market.assets; a++) {
            if (shares[a] != 0) {
                finish(last, a, shares[a], marks[a], true, shares[a]);
            }
        }
        trades.sort(Comparator.comparingInt(Trade::entryRow)
                .thenComparingInt(Trade::exitRow)
                .thenComparing(Trade::asset));
        return new BacktestResult(
                spec,
                market,
                path,
                weights,
                positionShares,
                notional,
                fills,
                trades,
                Drawdown.episodes(spec.initialCapital(), path.equity()));
    }
}
