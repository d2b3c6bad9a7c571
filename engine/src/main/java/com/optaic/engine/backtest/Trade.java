package com.optaic.engine.backtest;

/**
 * A round trip of one asset: from the fill that opened a position (from flat, or across zero) to the fill
 * that closed it. Increases and partial exits in between belong to it. {@code grossPnl} is the sum of the
 * trip's cash flows (plus the position marked at the last close when still {@code open}); {@code netPnl}
 * subtracts its fills' costs and the borrow paid while short. {@code ret} is netPnl over the notional paid to
 * open and increase it. Durations count bars and calendar days from entry to exit.
 */
public record Trade(
        String asset,
        int direction,
        int entryRow,
        int entryEpochDay,
        int exitRow,
        int exitEpochDay,
        double entryPrice,
        double exitPrice,
        double maxShares,
        double grossPnl,
        double costs,
        double borrow,
        double netPnl,
        double ret,
        boolean open) {
    public int durationBars() {
        return exitRow - entryRow;
    }

    public int durationDays() {
        return exitEpochDay - entryEpochDay;
    }
}
