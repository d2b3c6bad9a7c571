package com.optaic.engine.backtest;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/**
 * On which execution bars the portfolio is moved to its target. Weeks run Monday to Sunday; "first" is the
 * first bar of the panel's calendar in the week or month, "last" the last (the panel's final bar counts as the
 * last of its period). {@code ON_CHANGE} trades on any bar whose target portfolio differs from the previous
 * bar's target.
 */
public record Rebalance(Frequency frequency, Anchor anchor) {
    public enum Frequency {
        DAILY,
        WEEKLY,
        MONTHLY,
        ON_CHANGE
    }

    public enum Anchor {
        FIRST,
        LAST
    }

    public static final Rebalance DAILY = new Rebalance(Frequency.DAILY, Anchor.FIRST);

    public Rebalance {
        requireNonNull(frequency, "frequency is null");
        requireNonNull(anchor, "anchor is null");
    }

    /** Per calendar row, whether the schedule trades there ({@code ON_CHANGE}: every row is a candidate). */
    public boolean[] schedule(int[] epochDays) {
        int n = epochDays.length;
        boolean[] trade = new boolean[n];
        for (int t = 0; t < n; t++) {
            trade[t] = switch (frequency) {
                case DAILY, ON_CHANGE -> true;
                case WEEKLY, MONTHLY ->
                    anchor == Anchor.FIRST
                            ? t == 0 || period(epochDays[t]) != period(epochDays[t - 1])
                            : t == n - 1 || period(epochDays[t]) != period(epochDays[t + 1]);
            };
        }
        return trade;
    }

    private long period(int epochDay) {
        if (frequency == Frequency.WEEKLY) {
            return Math.floorDiv(epochDay - 4, 7); // 1970-01-05 was a Monday
        }
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        return date.getYear() * 12L + date.getMonthValue();
    }
}
