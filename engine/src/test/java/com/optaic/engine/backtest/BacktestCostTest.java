package com.optaic.engine.backtest;

import static com.optaic.engine.backtest.TestingMarkets.panel;
import static com.optaic.engine.backtest.TestingMarkets.run;
import static com.optaic.engine.backtest.TestingMarkets.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cost arithmetic checked against numbers worked out by hand (in the comments). */
class BacktestCostTest {
    private static final double EPS = 1e-9;

    @Test
    void everyCostComponentOfAPartialFill() {
        // One asset, capital 10,000, long-only top 1, lag 1 at the close. Day 1: target 10,000 / 100 = 100 shares;
        // the cap 0.5% of volume 10,000 allows 50: a partial fill, the other 50 dropped.
        // notional 50 * 100 = 5,000
        //   commission 10 bps      = 5.0
        //   fixed                  = 2.0
        //   half-spread 5 bps      = 2.5
        //   impact 0.1 * (50/10,000)^0.5 * 5,000 = 0.1 * 0.0707106781186548 * 5,000 = 35.3553390593274
        //   total                  = 44.8553390593274
        // cash 10,000 - 5,000 - 44.8553390593274 = 4,955.1446609406726; equity day 1 = 4,955.14... + 50 * 100
        // Day 2: volume 0, no fill; equity = 4,955.1446609406726 + 50 * 110 = 10,455.1446609406726
        double[][] close = {{100}, {100}, {110}};
        double[][] volume = {{10_000}, {10_000}, {0}};
        double[][] signal = {{1}, {1}, {1}};
        BacktestResult result = run(
                panel(Map.of("close", close, "volume", volume, "signal", signal)),
                spec(
                        "rule",
                        "top_bottom",
                        "n",
                        "1",
                        "side",
                        "long_only",
                        "initial_capital",
                        "10000",
                        "commission_bps",
                        "10",
                        "fixed_per_order",
                        "2",
                        "half_spread_bps",
                        "5",
                        "impact_k",
                        "0.1",
                        "impact_exponent",
                        "0.5",
                        "participation_cap",
                        "0.005"));
        assertThat(result.fills()).hasSize(1);
        Fill fill = result.fills().get(0);
        assertThat(fill.requestedShares()).isCloseTo(100, within(EPS));
        assertThat(fill.shares()).isCloseTo(50, within(EPS));
        assertThat(fill.commission()).isCloseTo(5.0, within(EPS));
        assertThat(fill.fixed()).isEqualTo(2.0);
        assertThat(fill.spread()).isCloseTo(2.5, within(EPS));
        assertThat(fill.impact()).isCloseTo(35.3553390593274, within(EPS));
        assertThat(fill.participation()).isCloseTo(0.005, within(1e-15));
        BacktestPath path = result.path();
        assertThat(path.equity()[0]).isEqualTo(10_000.0);
        assertThat(path.equity()[1]).isCloseTo(9_955.1446609406726, within(EPS));
        assertThat(path.costs()[1]).isCloseTo(44.8553390593274, within(EPS));
        assertThat(path.netReturns()[1]).isCloseTo(-0.00448553390593274, within(1e-12));
        assertThat(path.grossReturns()[1]).isCloseTo(0.0, within(1e-15));
        assertThat(path.equity()[2]).isCloseTo(10_455.1446609406726, within(EPS));
        assertThat(path.turnover()[1]).isCloseTo(5_000.0 / (2 * 10_000), within(1e-15));
    }

    @Test
    void borrowAccruesOnShortsEveryBar() {
        // Two assets at 50, long-short top/bottom 1, capital 10,000: from day 1, +5,000 in A (100 shares) and
        // -5,000 in B (-100 shares). Borrow 252 bps a year = 1 bp a bar of the short notional 5,000 = 0.5 per bar.
        double[][] close = {{50, 50}, {50, 50}, {50, 50}, {50, 50}};
        double[][] signal = {{2, 1}, {2, 1}, {2, 1}, {2, 1}};
        BacktestResult result = run(
                panel(Map.of("close", close, "signal", signal)),
                spec(
                        "rule",
                        "top_bottom",
                        "n",
                        "1",
                        "initial_capital",
                        "10000",
                        "borrow_bps",
                        "252",
                        "rebalance",
                        "on_change")); // one trade: the target never changes
        BacktestPath path = result.path();
        assertThat(result.shares(1, 1)).isEqualTo(-100.0);
        assertThat(path.costs()[1]).isCloseTo(0.5, within(EPS));
        assertThat(path.costs()[2]).isCloseTo(0.5, within(EPS));
        assertThat(path.equity()[3]).isCloseTo(10_000 - 1.5, within(EPS));
        assertThat(path.grossReturns()[3]).isCloseTo(0.0, within(1e-15));
        Trade shortTrade = result.trades().stream()
                .filter(t -> t.direction() < 0)
                .findFirst()
                .orElseThrow();
        assertThat(shortTrade.borrow()).isCloseTo(1.5, within(EPS));
        assertThat(shortTrade.netPnl()).isCloseTo(-1.5, within(EPS));
        assertThat(shortTrade.open()).isTrue();
    }

    @Test
    void turnoverCapMovesPartOfTheWay() {
        // Day 1 buys A (weight 1 from cash: turnover 0.5, cap 0.25): half the way, weight 0.5.
        double[][] close = {{10, 10}, {10, 10}, {10, 10}};
        double[][] signal = {{2, 1}, {2, 1}, {2, 1}};
        BacktestResult result = run(
                panel(Map.of("close", close, "signal", signal)),
                spec("rule", "top_bottom", "n", "1", "side", "long_only", "max_turnover", "0.25"));
        assertThat(result.weight(1, 0)).isCloseTo(0.5, within(1e-12));
        assertThat(result.path().turnover()[1]).isCloseTo(0.25, within(1e-12));
        assertThat(result.weight(2, 0)).isCloseTo(1.0, within(1e-12)); // the rest the next day
    }
}
