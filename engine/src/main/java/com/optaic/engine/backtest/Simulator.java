package com.optaic.engine.backtest;

import static java.util.Objects.requireNonNull;

import com.optaic.engine.backtest.cost.CostModel;
import java.util.Arrays;

/**
 * The bar-by-bar simulation of a target-weight portfolio over one {@link MarketData}. Each bar s, in order:
 * <ol>
 *   <li>if s is on the rebalance schedule and {@code t = s - signal_lag >= 0}, the targets of signal date t are
 *   computed ({@link TargetWeights}); the portfolio is valued at the fill prices (positions without a fill
 *   price at their last close) and each <em>tradable</em> asset (priced, a finite positive fill price, and
 *   positive volume when the costs need volume) is traded towards {@code target * equity / fill price}
 *   shares, within the turnover and participation limits. An untradable asset keeps its position (its target
 *   becomes its current weight). Orders under 1e-9 of equity are skipped unless they close the position;</li>
 *   <li>priced assets are marked at the close; an asset whose last priced bar this is (before the calendar's
 *   end) is delisted: its position is sold at that close ({@link Fill.Reason#DELIST});</li>
 *   <li>shorts pay borrow on their notional; equity is cash plus positions at their marks.</li>
 * </ol>
 * Work arrays are reused from one run to the next; a simulator is not thread-safe (use one per task).
 */
public final class Simulator {
    /** Orders smaller than this fraction of equity are noise from re-targeting the same weights. */
    static final double MIN_ORDER = 1e-9;

    private final MarketData market;
    private final TargetWeights targets;
    private final double[] shares;
    private final double[] marks;
    private final double[] target;
    private final double[] previousTarget;
    /** Per asset, this bar's fill price if tradable, else NaN. */
    private final double[] fillable;

    public Simulator(MarketData market) {
        this.market = requireNonNull(market, "market is null");
        int n = market.assets;
        this.targets = new TargetWeights(n);
        this.shares = new double[n];
        this.marks = new double[n];
        this.target = new double[n];
        this.previousTarget = new double[n];
        this.fillable = new double[n];
    }

    /** The full simulation: series, positions, fills, round trips and drawdowns. */
    public BacktestResult run(SignalBook signal, BacktestSpec spec) {
        Recorder recorder = new Recorder(market);
        BacktestPath path = simulate(signal, spec, recorder);
        return recorder.result(spec, path, marks, shares);
    }

    /** Only the series: what a sweep keeps of each combination. */
    public BacktestPath path(SignalBook signal, BacktestSpec spec) {
        return simulate(signal, spec, null);
    }

    private BacktestPath simulate(SignalBook signal, BacktestSpec spec, Recorder recorder) {
        requireNonNull(signal, "signal is null");
        requireNonNull(spec, "spec is null");
        if (signal.dates != market.dates || signal.assets != market.assets) {
            throw new IllegalArgumentException("signal is not on the market's calendar and assets");
        }
        int dates = market.dates;
        int n = market.assets;
        CostModel costs = spec.costs();
        double[] fill = market.fillPrices(spec.timing().fillPrice());
        double[] close = market.close;
        boolean needVolume = costs.needsVolume();
        double[] volume = needVolume ? market.volumeFor("a participation cap or market impact") : null;
        double cap = costs.participationCap();
        double commissionRate = costs.commissionBps() * 1e-4;
        double spreadRate = costs.halfSpreadBps() * 1e-4;
        double fixedPerOrder = costs.fixedPerOrder();
        double impactK = costs.impactK();
        double borrowRate = costs.borrowPerBar();
        double maxTurnover = spec.constraints().maxTurnover();
        boolean[] schedule = spec.rebalance().schedule(market.epochDays);
        boolean onChange = spec.rebalance().frequency() == Rebalance.Frequency.ON_CHANGE;
        int lag = spec.timing().signalLag();

        Arrays.fill(shares, 0.0);
        Arrays.fill(marks, Double.NaN);
        boolean havePrevious = false;
        double cash = spec.initialCapital();
        double previousEquity = cash;
        double[] equity = new double[dates];
        double[] netReturns = new double[dates];
        double[] grossReturns = new double[dates];
        double[] barCosts = new double[dates];
        double[] turnover = new double[dates];

        for (int s = 0; s < dates; s++) {
            int base = s * n;
            double preTrade = previousEquity;
            double cost = 0;
            double traded = 0;
            boolean rebalance = s >= lag && schedule[s] && targets.compute(signal, s - lag, spec, target);
            if (rebalance && onChange) {
                boolean same = havePrevious && Arrays.equals(target, previousTarget);
                System.arraycopy(target, 0, previousTarget, 0, n);
                havePrevious = true;
                rebalance = !same;
            }
            if (rebalance) {
                preTrade = cash;
                for (int a = 0; a < n; a++) {
                    int i = base + a;
                    double price = tradable(i, fill, volume) ? fill[i] : Double.NaN;
                    fillable[a] = price;
                    if (shares[a] != 0) {
                        preTrade += shares[a] * (!Double.isNaN(price) ? price : marks[a]);
                    }
                }
                if (preTrade > 0) {
                    double moved = 0;
                    for (int a = 0; a < n; a++) {
                        double price = fillable[a];
                        boolean canTrade = !Double.isNaN(price);
                        double current = shares[a] == 0 ? 0 : shares[a] * (canTrade ? price : marks[a]) / preTrade;
                        if (!canTrade) {
                            target[a] = current;
                        }
                        moved += Math.abs(target[a] - current);
                    }
                    double partial = moved / 2 > maxTurnover ? maxTurnover / (moved / 2) : 1;
                    for (int a = 0; a < n; a++) {
                        double price = fillable[a];
                        if (Double.isNaN(price)) {
                            continue; // not tradable this bar
                        }
                        int i = base + a;
                        double held = shares[a];
                        double goal = target[a];
                        if (partial < 1) {
                            double current = held * price / preTrade;
                            goal = current + (goal - current) * partial;
                        }
                        double wanted = goal * preTrade / price - held;
                        boolean closing = goal == 0 && held != 0;
                        if (wanted == 0 || (!closing && Math.abs(wanted) * price < MIN_ORDER * preTrade)) {
                            continue;
                        }
                        double filled = wanted;
                        double participation = Double.NaN;
                        if (needVolume) {
                            double limit = cap * volume[i];
                            if (Math.abs(wanted) > limit) {
                                filled = Math.copySign(limit, wanted);
                            }
                            participation = Math.abs(filled) / volume[i];
                        }
                        double notional = Math.abs(filled) * price;
                        double commission = commissionRate * notional;
                        double fixed = fixedPerOrder;
                        double spread = spreadRate * notional;
                        double impact = impactK == 0 ? 0 : costs.impact(notional, participation);
                        double fillCost = commission + fixed + spread + impact;
                        cash -= filled * price + fillCost;
                        shares[a] = filled == -held ? 0 : held + filled;
                        cost += fillCost;
                        traded += notional;
                        if (recorder != null) {
                            recorder.fill(
                                    s,
                                    a,
                                    Fill.Reason.REBALANCE,
                                    wanted,
                                    filled,
                                    price,
                                    commission,
                                    fixed,
                                    spread,
                                    impact,
                                    participation,
                                    held);
                        }
                    }
                }
            }
            double value = 0;
            double borrow = 0;
            for (int a = 0; a < n; a++) {
                int i = base + a;
                if (market.priced[i]) {
                    marks[a] = close[i];
                }
                double held = shares[a];
                if (held == 0) {
                    continue;
                }
                if (market.lastPricedRow[a] == s && s < dates - 1) {
                    double price = close[i];
                    double notional = Math.abs(held) * price;
                    double commission = costs.commission(notional);
                    double fixed = costs.fixedPerOrder();
                    double spread = costs.spread(notional);
                    double fillCost = commission + fixed + spread;
                    cash += held * price - fillCost;
                    cost += fillCost;
                    traded += notional;
                    shares[a] = 0;
                    if (recorder != null) {
                        recorder.fill(
                                s,
                                a,
                                Fill.Reason.DELIST,
                                -held,
                                -held,
                                price,
                                commission,
                                fixed,
                                spread,
                                0,
                                Double.NaN,
                                held);
                    }
                    continue;
                }
                if (held < 0 && borrowRate > 0) {
                    double fee = -held * marks[a] * borrowRate;
                    borrow += fee;
                    if (recorder != null) {
                        recorder.borrow(a, fee);
                    }
                }
                value += held * marks[a];
            }
            cash -= borrow;
            cost += borrow;
            double now = cash + value;
            equity[s] = now;
            netReturns[s] = now / previousEquity - 1;
            grossReturns[s] = (now + cost) / previousEquity - 1;
            barCosts[s] = cost;
            turnover[s] = traded == 0 ? 0 : traded / (2 * preTrade);
            if (recorder != null) {
                recorder.close(s, shares, marks, now);
            }
            previousEquity = now;
        }
        return new BacktestPath(
                market.epochDays, spec.initialCapital(), equity, netReturns, grossReturns, barCosts, turnover);
    }

    private boolean tradable(int cell, double[] fill, double[] volume) {
        return market.priced[cell]
                && fill[cell] > 0
                && fill[cell] < Double.POSITIVE_INFINITY
                && (volume == null || volume[cell] > 0);
    }
}
