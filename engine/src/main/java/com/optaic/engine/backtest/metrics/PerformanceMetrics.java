package com.optaic.engine.backtest.metrics;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;

/**
 * Performance metrics of a per-period return series under a {@link MetricConventions}. A is the periods per
 * year, rf the annual risk-free rate and rfp its per-period return.
 *
 * <p>The {@link MetricPreset#OPTAIC} definitions (the default):
 * <ul>
 *   <li>periods without a return (NaN) are dropped from every statistic; the wealth path carries through them;</li>
 *   <li>total return {@code prod(1+r) - 1}; CAGR {@code (1+total)^(A/n) - 1} with n the observed periods;</li>
 *   <li>annual volatility {@code std(r, ddof=1) * sqrt(A)};</li>
 *   <li>Sharpe {@code mean(x)/std(x, ddof=1) * sqrt(A)} on excess returns {@code x = r - rfp},
 *       {@code rfp = (1+rf)^(1/A) - 1};</li>
 *   <li>Sortino {@code mean(x) / sqrt(sum(min(x,0)^2)/n) * sqrt(A)}: the downside deviation averages over all
 *       periods, not only the losing ones;</li>
 *   <li>max drawdown from the wealth path with the initial capital prepended (a first-period loss counts), its
 *       peak, trough and recovery ({@link Drawdown}); Calmar {@code CAGR / |max drawdown|};</li>
 *   <li>hit rate: periods with {@code r > 0} among periods with {@code r != 0} (a flat period is no bet);</li>
 *   <li>against a benchmark b, on the periods where both have a return: beta {@code cov(x, y)/var(y)} with
 *       {@code y = b - rfp}; alpha {@code (mean(x) - beta * mean(y)) * A}; information ratio
 *       {@code mean(r-b)/std(r-b, ddof=1) * sqrt(A)}, annualised;</li>
 *   <li>turnover: the mean of the per-period one-sided turnover series ({@link #turnover}), and that times A;
 *       trade hit rate: closed trades with a positive PnL among all closed trades.</li>
 * </ul>
 *
 * <p>{@link MetricPreset#EMPYRICAL} reproduces empyrical 0.5.5 where it differs:
 * <ul>
 *   <li>{@code annual_return}: the years are {@code len(returns)/A}, counting periods without a return, while
 *       the product skips them ({@code nanprod});</li>
 *   <li>{@code sharpe_ratio(risk_free=...)} takes a per-period rate; the preset passes {@code rf/A}
 *       (simple, not compounded); {@code sortino_ratio} gets the same rate as its {@code required_return};</li>
 *   <li>{@code alpha} is compounded: {@code (1 + mean(x - beta*y))^A - 1};</li>
 *   <li>{@code excess_sharpe} (its information ratio) is per period, not annualised.</li>
 * </ul>
 * Volatility, Sortino's downside over all periods, the drawdown from a prepended capital ({@code max_drawdown}
 * starts its cumulative path at 100) and beta are as in the default.
 *
 * <p>{@link MetricPreset#QUANTSTATS} reproduces quantstats 0.0.62 where it differs:
 * <ul>
 *   <li>{@code _prepare_returns} fills missing returns (strategy and benchmark) with 0, so they count as
 *       periods everywhere;</li>
 *   <li>{@code cagr}: years are the calendar days from the first to the last date divided by A (its
 *       {@code periods=252} argument), not a period count;</li>
 *   <li>{@code max_drawdown} runs on prices {@code cumprod(1+r)} with no initial capital, so a loss in the first
 *       period is not a drawdown;</li>
 *   <li>the excess return is taken only when rf > 0 ({@code to_excess_returns});</li>
 *   <li>{@code greeks}: alpha {@code (mean(r) - beta*mean(b)) * A} without the risk-free rate;
 *       {@code information_ratio} per period.</li>
 * </ul>
 * Hit rate is quantstats' {@code win_rate} in every preset (empyrical has none); turnover and the trade hit rate
 * are OptAIC's in every preset.
 */
public final class PerformanceMetrics {
    private PerformanceMetrics() {}

    public static PerformanceReport compute(PerformanceInput input, MetricConventions conventions) {
        if (input.returns().length == 0) {
            throw new OptaicException(EngineErrorCode.NO_PERIODS, "No periods to compute metrics over");
        }
        MetricPreset preset = conventions.preset();
        boolean quantstats = preset == MetricPreset.QUANTSTATS;
        int periods = input.returns().length;
        int a = conventions.periodsPerYear();
        double[] r = quantstats ? zeroFilled(input.returns()) : observed(input.returns());
        int observed = observed(input.returns()).length;

        double growth = 1;
        for (double v : r) {
            growth *= 1 + v;
        }
        double totalReturn = growth - 1;
        double years = switch (preset) {
            case OPTAIC -> r.length / (double) a;
            case EMPYRICAL -> periods / (double) a;
            case QUANTSTATS -> ChronoUnit.DAYS.between(input.dates()[0], input.dates()[periods - 1]) / (double) a;
        };
        double cagr = Math.pow(quantstats ? Math.abs(growth) : growth, 1 / years) - 1;
        double volatility = Moments.std(r) * Math.sqrt(a);

        double rfp = quantstats && conventions.riskFreeRate() <= 0 ? 0 : conventions.riskFreePerPeriod();
        double[] excess = shifted(r, -rfp);
        double meanExcess = Moments.mean(excess);
        double sharpe = meanExcess / Moments.std(excess) * Math.sqrt(a);
        double downside = 0;
        for (double x : excess) {
            downside += x < 0 ? x * x : 0;
        }
        double sortino = meanExcess / Math.sqrt(downside / excess.length) * Math.sqrt(a);

        double[] wealth = wealth(input.returns(), !quantstats);
        Drawdown drawdown = Drawdown.of(wealth);
        int firstPoint = quantstats ? 0 : -1; // the date of wealth point k is dates[k + firstPoint]
        double calmar = drawdown.depth() < 0 ? cagr / Math.abs(drawdown.depth()) : Double.NaN;

        double[] relative = input.benchmark()
                .map(b -> relative(input.returns(), b, preset, rfp, a))
                .orElse(new double[] {Double.NaN, Double.NaN, Double.NaN});
        double turnover = input.turnover().map(t -> Moments.mean(observed(t))).orElse(Double.NaN);
        double[] trades = input.tradePnl().orElse(new double[0]);
        return new PerformanceReport(
                periods,
                observed,
                totalReturn,
                cagr,
                volatility,
                sharpe,
                sortino,
                drawdown,
                date(input.dates(), drawdown.peak() + firstPoint),
                date(input.dates(), drawdown.trough() + firstPoint),
                drawdown.recovery().flatMap(k -> date(input.dates(), k + firstPoint)),
                calmar,
                hitRate(r),
                relative[0],
                relative[1],
                relative[2],
                turnover,
                turnover * a,
                trades.length,
                tradeHitRate(trades));
    }

    /**
     * One-sided turnover per period of a weights panel (asset-major, {@code weights[asset * periods + t]}, NaN
     * meaning no position): {@code sum_a |w[t] - w[t-1]| / 2}, the first period measured from no positions.
     */
    public static double[] turnover(double[] weights, int periods, int assets) {
        if (weights.length != periods * assets) {
            throw new IllegalArgumentException(weights.length + " weights for " + periods + " x " + assets);
        }
        double[] turnover = new double[periods];
        for (int asset = 0; asset < assets; asset++) {
            double previous = 0;
            for (int t = 0; t < periods; t++) {
                double w = weights[asset * periods + t];
                w = Double.isNaN(w) ? 0 : w;
                turnover[t] += Math.abs(w - previous) / 2;
                previous = w;
            }
        }
        return turnover;
    }

    /** {beta, alpha, information ratio} of the strategy against the benchmark under the preset's rules. */
    private static double[] relative(double[] returns, double[] benchmark, MetricPreset preset, double rfp, int a) {
        int n = 0;
        double[] r = new double[returns.length];
        double[] b = new double[returns.length];
        for (int t = 0; t < returns.length; t++) {
            boolean missing = Double.isNaN(returns[t]) || Double.isNaN(benchmark[t]);
            if (preset == MetricPreset.QUANTSTATS || !missing) {
                r[n] = Double.isNaN(returns[t]) ? 0 : returns[t];
                b[n] = Double.isNaN(benchmark[t]) ? 0 : benchmark[t];
                n++;
            }
        }
        r = Arrays.copyOf(r, n);
        b = Arrays.copyOf(b, n);
        double beta = Moments.covariance(r, b, n) / Moments.covariance(b, b, n);
        double[] active = new double[n];
        for (int i = 0; i < n; i++) {
            active[i] = r[i] - b[i];
        }
        double informationRatio = Moments.mean(active) / Moments.std(active);
        double alpha = switch (preset) {
            case OPTAIC -> (Moments.mean(r) - rfp - beta * (Moments.mean(b) - rfp)) * a;
            case EMPYRICAL -> Math.pow(1 + Moments.mean(r) - rfp - beta * (Moments.mean(b) - rfp), a) - 1;
            case QUANTSTATS -> (Moments.mean(r) - beta * Moments.mean(b)) * a;
        };
        if (preset == MetricPreset.OPTAIC) {
            informationRatio *= Math.sqrt(a);
        }
        return new double[] {beta, alpha, informationRatio};
    }

    /** Wealth after each period from 1, a missing return leaving it unchanged; with the capital as point 0. */
    static double[] wealth(double[] returns, boolean prependCapital) {
        int offset = prependCapital ? 1 : 0;
        double[] wealth = new double[returns.length + offset];
        double w = 1;
        if (prependCapital) {
            wealth[0] = w;
        }
        for (int t = 0; t < returns.length; t++) {
            w *= Double.isNaN(returns[t]) ? 1 : 1 + returns[t];
            wealth[t + offset] = w;
        }
        return wealth;
    }

    private static double hitRate(double[] values) {
        int wins = 0;
        int bets = 0;
        for (double v : values) {
            if (v != 0 && !Double.isNaN(v)) {
                bets++;
                wins += v > 0 ? 1 : 0;
            }
        }
        return bets == 0 ? Double.NaN : wins / (double) bets;
    }

    private static double tradeHitRate(double[] pnl) {
        return pnl.length == 0
                ? Double.NaN
                : Arrays.stream(pnl).filter(v -> v > 0).count() / (double) pnl.length;
    }

    private static Optional<LocalDate> date(LocalDate[] dates, int index) {
        return index < 0 || index >= dates.length ? Optional.empty() : Optional.of(dates[index]);
    }

    private static double[] observed(double[] values) {
        return Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
    }

    private static double[] zeroFilled(double[] values) {
        return Arrays.stream(values).map(v -> Double.isNaN(v) ? 0 : v).toArray();
    }

    private static double[] shifted(double[] values, double by) {
        return Arrays.stream(values).map(v -> v + by).toArray();
    }
}
