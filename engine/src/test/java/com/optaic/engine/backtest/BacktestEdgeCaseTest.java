package com.optaic.engine.backtest;

import static com.optaic.engine.backtest.TestingMarkets.constant;
import static com.optaic.engine.backtest.TestingMarkets.panel;
import static com.optaic.engine.backtest.TestingMarkets.run;
import static com.optaic.engine.backtest.TestingMarkets.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The timing and data edge cases of the simulator, each on a market small enough to check by hand. */
class BacktestEdgeCaseTest {
    private static final double NAN = Double.NaN;

    @Test
    void haltedAssetIsNotTradedAndIsCarriedAtItsLastClose() {
        // B has no rows on days 2-3 (halted). The signal (its own panel, every cell present) favours A on day 0
        // and B from day 1, so the day-2 target is B: A is sold, but B can only be bought on day 4.
        double[][] close = {{10, 20}, {10, 20}, {10, NAN}, {10, NAN}, {10, 25}, {10, 25}};
        double[][] signal = {{2, 1}, {1, 2}, {1, 2}, {1, 2}, {1, 2}, {1, 2}};
        MarketData market = MarketData.of(panel(Map.of("close", close)));
        double[][] ones = constant(6, 2, 1);
        SignalBook signals = SignalBook.align(market, panel(Map.of("close", ones, "signal", signal)), "signal");
        BacktestResult result =
                new Simulator(market).run(signals, spec("rule", "top_bottom", "n", "1", "side", "long_only"));
        assertThat(result.fills())
                .extracting(Fill::row, Fill::asset)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, "A"),
                        org.assertj.core.groups.Tuple.tuple(2, "A"),
                        org.assertj.core.groups.Tuple.tuple(4, "B"));
        assertThat(result.path().equity()[3]).isEqualTo(1e6); // in cash while the target cannot be bought
        // A position in a halted asset keeps its last close: hold B from day 4 and halt nothing else.
        double[][] close2 = {{10, 20}, {10, 20}, {10, 20}, {10, NAN}, {10, NAN}, {10, 22}};
        double[][] signal2 = {{1, 2}, {1, 2}, {1, 2}, {1, 2}, {1, 2}, {1, 2}};
        MarketData market2 = MarketData.of(panel(Map.of("close", close2)));
        BacktestResult held = new Simulator(market2)
                .run(
                        SignalBook.align(market2, panel(Map.of("close", ones, "signal", signal2)), "signal"),
                        spec("rule", "top_bottom", "n", "1", "side", "long_only"));
        assertThat(held.shares(3, 1)).isEqualTo(50_000.0);
        assertThat(held.path().equity()[3]).isEqualTo(1e6); // marked at 20 while halted
        assertThat(held.path().equity()[4]).isEqualTo(1e6);
        assertThat(held.path().equity()[5]).isEqualTo(1.1e6); // trades again at 22
        assertThat(held.fills()).hasSize(1);
    }

    @Test
    void delistedPositionIsClosedAtItsLastClose() {
        // B's last row is day 2 (of 5): the position is sold at that close, 30, with its costs.
        double[][] close = {{10, 20}, {10, 20}, {10, 30}, {10, NAN}, {10, NAN}};
        double[][] signal = {{1, 2}, {1, 2}, {1, 2}, {1, NAN}, {1, NAN}};
        BacktestResult result = run(
                panel(Map.of("close", close, "signal", signal)),
                spec("rule", "top_bottom", "n", "1", "side", "long_only", "commission_bps", "10"));
        List<Fill> delistings = result.fills().stream()
                .filter(f -> f.reason() == Fill.Reason.DELIST)
                .toList();
        assertThat(delistings).hasSize(1);
        Fill delist = delistings.get(0);
        assertThat(delist.row()).isEqualTo(2);
        assertThat(delist.price()).isEqualTo(30.0);
        double dayTwoTrade = result.fills().stream()
                .filter(f -> f.row() == 2 && f.reason() == Fill.Reason.REBALANCE)
                .mapToDouble(Fill::shares)
                .sum();
        assertThat(delist.shares()).isEqualTo(-(result.shares(1, 1) + dayTwoTrade));
        assertThat(result.shares(2, 1)).isZero();
        assertThat(delist.commission()).isCloseTo(10e-4 * 30 * -delist.shares(), within(1e-9));
        assertThat(result.shares(1, 1)).isEqualTo(50_000.0); // 1e6 at 20 (the commission comes out of cash)
        // The round trip ends at the delisting.
        Trade trade = result.trades().stream()
                .filter(t -> t.asset().equals("B"))
                .findFirst()
                .orElseThrow();
        assertThat(trade.exitRow()).isEqualTo(2);
        assertThat(trade.open()).isFalse();
        assertThat(trade.exitPrice()).isEqualTo(30.0);
    }

    @Test
    void zeroVolumeDayUnderParticipationCapFillsNothing() {
        double[][] close = constant(5, 1, 100);
        double[][] volume = {{1e6}, {0}, {1e6}, {1e6}, {1e6}};
        double[][] signal = constant(5, 1, 1);
        BacktestResult result = run(
                panel(Map.of("close", close, "volume", volume, "signal", signal)),
                spec("rule", "top_bottom", "n", "1", "side", "long_only", "participation_cap", "0.001"));
        // Day 1 has no volume: no fill. Days 2, 3, 4: at most 0.1% of 1e6 = 1,000 shares each.
        assertThat(result.fills()).extracting(Fill::row).containsExactly(2, 3, 4);
        assertThat(result.fills()).allSatisfy(f -> {
            assertThat(f.shares()).isEqualTo(1000.0);
            assertThat(f.requestedShares()).isGreaterThan(f.shares());
        });
        assertThat(result.shares(1, 0)).isZero();
        assertThat(result.shares(4, 0)).isEqualTo(3000.0);
    }

    @Test
    void nanSignalsTakeNoPartAndADateWithoutSignalsKeepsPositions() {
        double[][] close = constant(5, 3, 10);
        // Day 1: C has no signal, so only A and B rank; day 2: no signal at all -> day 3 keeps positions.
        double[][] signal = {{3, 2, 1}, {1, 2, NAN}, {NAN, NAN, NAN}, {1, 2, 3}, {1, 2, 3}};
        BacktestResult result = run(
                panel(Map.of("close", close, "signal", signal)),
                spec("rule", "top_bottom", "n", "1", "side", "long_short"));
        assertThat(result.weight(1, 0)).isCloseTo(0.5, within(1e-12)); // day-0 signal: long A, short C
        assertThat(result.weight(1, 2)).isCloseTo(-0.5, within(1e-12));
        assertThat(result.weight(2, 1)).isCloseTo(0.5, within(1e-12)); // day-1 signal: long B, short A, C out
        assertThat(result.weight(2, 0)).isCloseTo(-0.5, within(1e-12));
        assertThat(result.weight(2, 2)).isZero();
        assertThat(result.fills()).noneMatch(f -> f.row() == 3); // day-2 signal is all NaN: no trade
        assertThat(result.weight(3, 1)).isCloseTo(0.5, within(1e-12));
        assertThat(result.weight(4, 2)).isCloseTo(0.5, within(1e-12)); // day-3 signal: long C, short A
    }

    @Test
    void tiesRankByAssetOrder() {
        double[][] close = constant(3, 4, 10);
        double[][] signal = constant(3, 4, 1.5); // all tied
        BacktestResult result = run(
                panel(Map.of("close", close, "signal", signal)),
                spec("rule", "top_bottom", "n", "1", "side", "long_short"));
        // The first asset of a tie ranks highest, the last lowest (pandas rank(method="first")).
        assertThat(result.weight(1, 0)).isCloseTo(0.5, within(1e-12));
        assertThat(result.weight(1, 3)).isCloseTo(-0.5, within(1e-12));
        assertThat(result.weight(1, 1)).isZero();
        assertThat(result.weight(1, 2)).isZero();
    }

    @Test
    void sameBarFillIsRefusedUnlessAllowed() {
        for (String fill : List.of("next_open", "next_close", "vwap")) {
            assertThatThrownBy(() -> spec("signal_lag", "0", "fill_price", fill))
                    .isInstanceOf(OptaicException.class)
                    .hasMessageContaining("signal_lag=0")
                    .hasMessageContaining("allow_same_bar=true")
                    .satisfies(e -> assertThat(((OptaicException) e).code()).isEqualTo(EngineErrorCode.SAME_BAR_FILL));
        }
        assertThat(spec("signal_lag", "0", "allow_same_bar", "true").timing().signalLag())
                .isZero();
        assertThat(spec().timing()).isEqualTo(ExecutionTiming.DEFAULT);
    }

    @Test
    void badSettingsNameTheSetting() {
        assertThatThrownBy(() -> spec("comission_bps", "1"))
                .hasMessageContaining("Unknown backtest setting 'comission_bps'")
                .hasMessageContaining("commission_bps");
        assertThatThrownBy(() -> spec("fill_price", "open"))
                .hasMessageContaining("fill_price='open'")
                .hasMessageContaining("next_open");
        assertThatThrownBy(() -> spec("n", "0")).hasMessageContaining("n='0'");
        assertThatThrownBy(() -> spec("commission_bps", "-1")).hasMessageContaining("commission_bps");
        assertThatThrownBy(() -> spec("rule", "quantiles", "quantiles", "1")).hasMessageContaining(">= 2");
        assertThatThrownBy(() -> run(
                        panel(Map.of("close", constant(3, 1, 1), "signal", constant(3, 1, 1))),
                        spec("fill_price", "next_open")))
                .hasMessageContaining("no 'open' field");
    }
}
