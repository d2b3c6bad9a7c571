package com.optaic.engine.portfolio;

import static com.optaic.engine.portfolio.TestingPortfolio.expected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.optaic.common.OptaicException;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each problem that has no solution fails as a user error saying why, with the numbers that show it. */
class InfeasiblePortfolioTest {
    private static double[][] cov;
    private static double[] mu;
    private static int n;

    @BeforeAll
    static void load() {
        AssetReturns returns = TestingPortfolio.returns();
        cov = RiskModels.sampleCov(returns);
        mu = ExpectedReturns.cagr(returns);
        n = mu.length;
    }

    private static OptaicException userError(ThrowingCallable call) {
        Throwable[] caught = new Throwable[1];
        assertThatThrownBy(call)
                .isInstanceOf(OptaicException.class)
                .satisfies(e -> assertThat(((OptaicException) e).isUserError())
                        .as(e.getMessage())
                        .isTrue())
                .satisfies(e -> caught[0] = e);
        return (OptaicException) caught[0];
    }

    @Test
    void efficientRiskBelowTheMinimumVolatilitySaysTheMinimum() {
        OptaicException e = userError(() -> new MeanVarianceOptimizer(cov).efficientRisk(mu, 0.1));
        assertThat(e.getMessage())
                .matches("efficient_risk target volatility 0\\.1 is below the minimum volatility "
                        + "0\\.\\d+ attainable within the weight bounds");
        double said = Double.parseDouble(e.getMessage().split(" ")[9]);
        assertThat(said).isCloseTo(expected("perf_min_volatility", "vol", ""), within(1e-9));
    }

    @Test
    void efficientReturnAboveTheMaximumSaysTheMaximum() {
        OptaicException e = userError(() -> new MeanVarianceOptimizer(cov).efficientReturn(mu, 0.5));
        assertThat(e.getMessage())
                .matches("efficient_return target return 0\\.5 is above the maximum attainable "
                        + "return 0\\.\\d+ within the weight bounds");
        // long-only, fully invested: the best single asset
        double said = Double.parseDouble(e.getMessage().split(" ")[10]);
        double best = Arrays.stream(TestingPortfolio.returns().assets())
                .mapToDouble(a -> expected("mu_cagr", a, ""))
                .max()
                .orElseThrow();
        assertThat(said).isCloseTo(best, within(1e-9));
    }

    @Test
    void boundsThatCannotSumToOne() {
        assertThat(userError(() -> new MeanVarianceOptimizer(cov, MvoOptions.bounds(n, 0, 0.04)))
                        .getMessage())
                .isEqualTo("the weight bounds cannot sum to 1: the upper bounds add up to 0.8");
        assertThat(userError(() -> new MeanVarianceOptimizer(cov, MvoOptions.bounds(n, 0.06, 1)))
                        .getMessage())
                .isEqualTo("the weight bounds cannot sum to 1: the lower bounds add up to 1.2");
        assertThat(userError(() -> new MeanVarianceOptimizer(
                                cov, MvoOptions.bounds(n, 0.1, 1).withMarketNeutral(true)))
                        .getMessage())
                .isEqualTo("the weight bounds cannot sum to 0 (market-neutral): the lower bounds add up to 2.0");
        assertThat(userError(() -> new MeanVarianceOptimizer(cov, MvoOptions.bounds(n, 0.5, 0.2)))
                        .getMessage())
                .isEqualTo("asset 0: weight bounds (0.5, 0.2) are not a finite interval");
    }

    @Test
    void groupLimitsThatCannotHold() {
        MvoOptions tooBig = MvoOptions.bounds(n, 0, 0.1)
                .withGroups(List.of(new MvoOptions.GroupLimit("tech", new int[] {0, 1, 2}, 0.5, 1)));
        assertThat(userError(() -> new MeanVarianceOptimizer(cov, tooBig)).getMessage())
                .isEqualTo("group 'tech' limits (0.5, 1.0) cannot hold: its assets' weight bounds allow (0.0, 0.3)");
        MvoOptions together = MvoOptions.longOnly(n)
                .withGroups(List.of(
                        new MvoOptions.GroupLimit("a", new int[] {0, 1}, 0.6, 1),
                        new MvoOptions.GroupLimit("b", new int[] {2, 3}, 0.6, 1)));
        assertThat(userError(() -> new MeanVarianceOptimizer(cov, together).minVolatility())
                        .getMessage())
                .isEqualTo("min_volatility has no portfolio satisfying the weight bounds and group limits together");
        assertThat(userError(() -> new MvoOptions.GroupLimit("x", new int[] {0}, 0.5, 0.1))
                        .getMessage())
                .isEqualTo("group 'x': lower limit 0.5 is above its upper limit 0.1");
    }

    @Test
    void optionsAMethodCannotTake() {
        assertThat(userError(() -> new MeanVarianceOptimizer(cov, MvoOptions.marketNeutral(n)).minVolatility())
                        .getMessage())
                .startsWith("min_volatility cannot be market-neutral");
        assertThat(userError(() -> new MeanVarianceOptimizer(
                                        cov, MvoOptions.longOnly(n).withL2(1))
                                .maxSharpe(mu, 0.02))
                        .getMessage())
                .startsWith("max_sharpe takes neither market-neutral weights nor L2");
        assertThat(userError(() -> new MeanVarianceOptimizer(cov).maxQuadraticUtility(mu, 0))
                        .getMessage())
                .isEqualTo("max_quadratic_utility needs a positive finite risk aversion, got 0.0");
        assertThat(userError(() -> RiskParity.weights(new double[][] {{1, 0}, {0, 1}}, new double[] {1, 0}))
                        .getMessage())
                .isEqualTo("risk_parity budgets must be positive and finite, got [1.0, 0.0]");
        assertThat(userError(() -> PortfolioOptimization.of(
                                        TestingPortfolio.returns(), OptimizerSpec.of("efficient_risk"))
                                .optimize(OptimizerSpec.of("efficient_risk")))
                        .getMessage())
                .isEqualTo("efficient_risk needs a target (annual volatility)");
        assertThat(userError(() -> OptimizerSpec.of("max_sortino")).getMessage())
                .isEqualTo("unknown method 'max_sortino'; known: hrp, min_volatility, max_sharpe, "
                        + "max_quadratic_utility, efficient_risk, efficient_return, risk_parity");
        assertThat(userError(() -> OptimizerSpec.of("hrp").withRiskModel("oas")).getMessage())
                .startsWith("unknown risk model 'oas'; known: sample, ledoit_wolf");
    }
}
