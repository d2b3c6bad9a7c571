package com.optaic.engine.backtest.cost;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;

/**
 * The costs of a backtest, a sum of parts each of which may be zero. For a fill of {@code s} shares at price
 * {@code p} (notional {@code N = |s| p}) on a day that traded volume {@code V}:
 * <ul>
 *   <li>commission {@code commissionBps * 1e-4 * N}</li>
 *   <li>fixed {@code fixedPerOrder} per non-empty fill</li>
 *   <li>half-spread / slippage {@code halfSpreadBps * 1e-4 * N}</li>
 *   <li>market impact {@code impactK * (|s| / V)^impactExponent * N}</li>
 *   <li>borrow on shorts {@code borrowBps * 1e-4 / 252} of the short notional at each bar's close</li>
 * </ul>
 * With a {@code participationCap} c, a fill is at most {@code c * V} shares: the rest of the order is dropped
 * (not carried to later bars; the next rebalance targets afresh), and a day with zero or unknown volume fills
 * nothing. Fills are at the raw price; costs are paid from cash, so gross results are net results plus costs.
 *
 * @param participationCap fraction of the day's volume, infinity for no cap
 */
public record CostModel(
        double commissionBps,
        double fixedPerOrder,
        double halfSpreadBps,
        double impactK,
        double impactExponent,
        double participationCap,
        double borrowBps) {
    public static final CostModel FREE = new CostModel(0, 0, 0, 0, 0.5, Double.POSITIVE_INFINITY, 0);
    /** Bars per year over which the annual borrow fee accrues. */
    public static final int BARS_PER_YEAR = 252;

    public CostModel {
        notNegative("commission_bps", commissionBps);
        notNegative("fixed_per_order", fixedPerOrder);
        notNegative("half_spread_bps", halfSpreadBps);
        notNegative("impact_k", impactK);
        notNegative("impact_exponent", impactExponent);
        notNegative("borrow_bps", borrowBps);
        if (!(participationCap > 0)) {
            throw new OptaicException(
                    EngineErrorCode.BAD_BACKTEST_CONFIG,
                    "participation_cap must be a positive fraction of the day's volume, got " + participationCap);
        }
    }

    private static void notNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new OptaicException(
                    EngineErrorCode.BAD_BACKTEST_CONFIG, name + " must be a finite number >= 0, got " + value);
        }
    }

    /** Whether fills depend on the day's volume: only then is a zero-volume day untradable. */
    public boolean needsVolume() {
        return impactK > 0 || participationCap != Double.POSITIVE_INFINITY;
    }

    /** The borrow fee rate per bar, a fraction of the short notional. */
    public double borrowPerBar() {
        return borrowBps * 1e-4 / BARS_PER_YEAR;
    }

    public double commission(double notional) {
        return commissionBps * 1e-4 * notional; // the simulator inlines these three formulas
    }

    public double spread(double notional) {
        return halfSpreadBps * 1e-4 * notional;
    }

    /** Impact of a fill of {@code participation = |shares| / volume} (NaN volume: no impact is charged only when k = 0). */
    public double impact(double notional, double participation) {
        if (impactK == 0) {
            return 0;
        }
        // The common square-root and linear laws without pow, which dominates a daily sweep's time otherwise.
        double scaled = impactExponent == 0.5
                ? Math.sqrt(participation)
                : impactExponent == 1 ? participation : Math.pow(participation, impactExponent);
        return impactK * scaled * notional;
    }
}
