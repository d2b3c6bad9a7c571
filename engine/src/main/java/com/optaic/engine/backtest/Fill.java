package com.optaic.engine.backtest;

/**
 * One executed order with its cost breakdown. {@code requestedShares} is the order the target asked for,
 * {@code shares} what filled (less under a participation cap; the rest is dropped). Prices are raw: the
 * costs are paid from cash on top. {@code participation} is shares / the day's volume, NaN when volume was
 * not needed.
 */
public record Fill(
        int row,
        int epochDay,
        String asset,
        Reason reason,
        double requestedShares,
        double shares,
        double price,
        double commission,
        double fixed,
        double spread,
        double impact,
        double participation) {
    public enum Reason {
        REBALANCE,
        /** The asset's last priced bar: the position is closed at that close (commission, fixed and spread apply). */
        DELIST
    }

    public double notional() {
        return Math.abs(shares) * price;
    }

    public double cost() {
        return commission + fixed + spread + impact;
    }
}
