package com.optaic.engine.backtest.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tiny series whose metrics are worked out by hand in the comments. */
class MetricsByHandTest {
    private static final MetricConventions DEFAULT = MetricConventions.defaults(MetricPreset.OPTAIC);

    private static LocalDate[] days(int n) {
        LocalDate[] dates = new LocalDate[n];
        for (int i = 0; i < n; i++) {
            dates[i] = LocalDate.of(2024, 1, 1).plusDays(i);
        }
        return dates;
    }

    private static PerformanceReport report(MetricPreset preset, double... returns) {
        return PerformanceMetrics.compute(
                PerformanceInput.of(days(returns.length), returns), MetricConventions.defaults(preset));
    }

    @Test
    void drawdownOfAnUnrecoveredLoss() {
        // wealth 1, 1.1, 0.88, 0.924: worst 0.88/1.1 - 1 = -0.2 from point 1 (day 0) to point 2 (day 1), 2 periods on
        PerformanceReport r = report(MetricPreset.OPTAIC, 0.1, -0.2, 0.05);
        assertThat(r.totalReturn()).isCloseTo(1.1 * 0.8 * 1.05 - 1, within(1e-15));
        assertThat(r.drawdown().depth()).isCloseTo(-0.2, within(1e-15));
        assertThat(r.drawdownPeak()).contains(LocalDate.of(2024, 1, 1));
        assertThat(r.drawdownTrough()).contains(LocalDate.of(2024, 1, 2));
        assertThat(r.drawdownRecovery()).isEmpty();
        assertThat(r.drawdown().length()).isEqualTo(2);
        assertThat(r.calmar()).isCloseTo(r.cagr() / 0.2, within(1e-12));
        // CAGR over 3 of 252 periods: 0.924^(252/3) - 1
        assertThat(r.cagr()).isCloseTo(Math.pow(0.924, 84) - 1, within(1e-15));
    }

    @Test
    void aFirstPeriodLossIsADrawdownOnlyFromThePrependedCapital() {
        // 1 -> 0.9 -> 1.08: -10% from the capital, recovered on day 1; quantstats' path 0.9, 1.08 never falls
        PerformanceReport ours = report(MetricPreset.OPTAIC, -0.1, 0.2);
        assertThat(ours.drawdown().depth()).isCloseTo(-0.1, within(1e-15));
        assertThat(ours.drawdownPeak()).isEmpty();
        assertThat(ours.drawdownRecovery()).contains(LocalDate.of(2024, 1, 2));
        assertThat(ours.drawdown().recovery()).contains(2);
        PerformanceReport quantstats = report(MetricPreset.QUANTSTATS, -0.1, 0.2);
        assertThat(quantstats.drawdown().depth()).isZero();
        assertThat(quantstats.calmar()).isNaN();
    }

    @Test
    void sharpeAndSortino() {
        // mean 0.02, std sqrt(2)*0.01: Sharpe sqrt(2)*sqrt(252) = sqrt(504)
        assertThat(report(MetricPreset.OPTAIC, 0.01, 0.03).sharpe()).isCloseTo(Math.sqrt(504), within(1e-12));
        // mean 0.005, downside sqrt((1e-4 + 1e-4)/4) over all four periods: Sortino 0.005/sqrt(5e-5)*sqrt(252)
        assertThat(report(MetricPreset.OPTAIC, 0.02, -0.01, 0.02, -0.01).sortino())
                .isCloseTo(0.005 / Math.sqrt(5e-5) * Math.sqrt(252), within(1e-10));
    }

    @Test
    void riskFreeIsCompoundedPerPeriodExceptUnderEmpyrical() {
        MetricConventions ours = new MetricConventions(MetricPreset.OPTAIC, 12, 0.12, List.of(1), 5);
        assertThat(ours.riskFreePerPeriod()).isCloseTo(Math.pow(1.12, 1 / 12.0) - 1, within(1e-16));
        MetricConventions empyrical = new MetricConventions(MetricPreset.EMPYRICAL, 12, 0.12, List.of(1), 5);
        assertThat(empyrical.riskFreePerPeriod()).isCloseTo(0.01, within(1e-16));
    }

    @Test
    void betaAlphaAndInformationRatioOfAnExactLinearStrategy() {
        // r = 2b + 0.001: beta 2, alpha 0.001 * 252; r - b = b + 0.001 has mean 0.021 and std 0.01
        double[] b = {0.01, 0.02, 0.03};
        double[] r = {0.021, 0.041, 0.061};
        PerformanceReport report =
                PerformanceMetrics.compute(PerformanceInput.of(days(3), r).withBenchmark(b), DEFAULT);
        assertThat(report.beta()).isCloseTo(2, within(1e-12));
        assertThat(report.alpha()).isCloseTo(0.252, within(1e-12));
        assertThat(report.informationRatio()).isCloseTo(2.1 * Math.sqrt(252), within(1e-10));
    }

    @Test
    void hitRatesIgnoreFlatAndMissingPeriodsButCountEveryTrade() {
        double[] r = {0.01, 0, -0.01, 0.02, Double.NaN};
        PerformanceReport report = PerformanceMetrics.compute(
                PerformanceInput.of(days(5), r).withTradePnl(new double[] {5, 0, -1, 2}), DEFAULT);
        assertThat(report.hitRate()).isCloseTo(2 / 3.0, within(1e-15));
        assertThat(report.tradeHitRate()).isEqualTo(0.5);
        assertThat(report.observed()).isEqualTo(4);
    }

    @Test
    void turnoverIsOneSidedFromNoPositions() {
        // asset 0: 0.5, 0.5, 0; asset 1: 0.5, -0.5, none -> (0.5+0.5)/2, (0+1)/2, (0.5+0.5)/2
        double[] weights = {0.5, 0.5, 0, 0.5, -0.5, Double.NaN};
        assertThat(PerformanceMetrics.turnover(weights, 3, 2)).containsExactly(0.5, 0.5, 0.5);
    }

    @Test
    void averageRanksShareTies() {
        assertThat(SignalMetrics.averageRanks(new double[] {3, 1, 3, 2}, 4)).containsExactly(3.5, 1, 3.5, 2);
    }

    @Test
    void jsonHasNullsForWhatDoesNotApplyAndTheConventionsInWords() {
        ObjectNode json = report(MetricPreset.OPTAIC, 0.01, 0.02).toJson();
        assertThat(json.get("beta").isNull()).isTrue();
        assertThat(json.get("max_drawdown").asDouble()).isZero();
        assertThat(json.get("max_drawdown_peak").isNull()).isTrue();
        ObjectNode conventions =
                MetricConventions.defaults(MetricPreset.QUANTSTATS).toJson();
        assertThat(conventions.get("preset").asText()).isEqualTo("quantstats");
        assertThat(conventions.get("ic_horizons").toString()).isEqualTo("[1,5,10]");
        assertThat(conventions.path("rules").path("missing_returns").asText()).isEqualTo("filled with 0");
    }

    @Test
    void badSettingsAreUserErrorsNamingTheSetting() {
        assertThatThrownBy(() -> MetricPreset.parse("pyfolio"))
                .isInstanceOf(OptaicException.class)
                .hasMessageContaining("'pyfolio'")
                .hasMessageContaining("optaic, empyrical, quantstats");
        assertThatThrownBy(() -> new MetricConventions(MetricPreset.OPTAIC, 0, 0, List.of(1), 5))
                .hasMessageContaining("periods_per_year");
        assertThatThrownBy(() -> new MetricConventions(MetricPreset.OPTAIC, 252, 0, List.of(0), 5))
                .hasMessageContaining("ic_horizons");
        assertThatThrownBy(
                        () -> PerformanceMetrics.compute(PerformanceInput.of(new LocalDate[0], new double[0]), DEFAULT))
                .isInstanceOf(OptaicException.class)
                .hasMessageContaining("No periods");
    }
}
