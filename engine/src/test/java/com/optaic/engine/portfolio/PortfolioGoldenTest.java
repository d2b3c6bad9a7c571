package com.optaic.engine.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.optaic.common.OptaicException;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the portfolio core on the 20 real stocks of {@code shared/data/stock_prices.csv} against
 * {@code portfolio/expected.csv}, written by the independent numpy/pandas/scipy script {@code generate.py}
 * beside it.
 */
class PortfolioGoldenTest {
    private static final double RF = TestingPortfolio.RF;

    private static AssetReturns returns;
    private static String[] assets;

    @BeforeAll
    static void load() {
        returns = TestingPortfolio.returns();
        assets = returns.assets();
    }

    private static double exp(String section, String k1, String k2) {
        return TestingPortfolio.expected(section, k1, k2);
    }

    private static void close(double actual, double want, double rel, double abs, String what) {
        TestingPortfolio.close(actual, want, rel, abs, what);
    }

    @Test
    void returnsKeepRaggedHistoriesAndDropOnlyAllMissingRows() {
        assertThat(assets).hasSize(20);
        assertThat(returns.rows()).isEqualTo(7125); // 7126 price rows, the first has no return
        int fb = Arrays.asList(assets).indexOf("FB");
        long fbCount =
                Arrays.stream(returns.series(fb)).filter(v -> !Double.isNaN(v)).count();
        assertThat(fbCount).isLessThan(returns.rows()).isGreaterThan(1000);
    }

    @Test
    void expectedReturnsMatchTheReference() {
        double[] cagr = ExpectedReturns.cagr(returns);
        double[] mean = ExpectedReturns.mean(returns, 252);
        for (int a = 0; a < assets.length; a++) {
            close(cagr[a], exp("mu_cagr", assets[a], ""), 1e-9, 0, "CAGR " + assets[a]);
            close(mean[a], exp("mu_mean", assets[a], ""), 1e-9, 0, "mean " + assets[a]);
        }
    }

    @Test
    void sampleCovarianceMatchesTheReference() {
        double[][] cov = RiskModels.sampleCov(returns);
        for (int i = 0; i < assets.length; i++) {
            for (int j = 0; j < assets.length; j++) {
                close(cov[i][j], exp("cov", assets[i], assets[j]), 1e-9, 0, "cov " + assets[i] + "," + assets[j]);
            }
        }
    }

    @Test
    void hrpWeightsMatchTheReference() {
        double[] w = HierarchicalRiskParity.weights(returns);
        assertThat(Arrays.stream(w).sum()).isCloseTo(1.0, within(1e-12));
        for (int a = 0; a < assets.length; a++) {
            close(w[a], exp("hrp", assets[a], ""), 1e-9, 0, "HRP " + assets[a]);
        }
        checkPerformance("hrp", w, 1e-9);
    }

    @Test
    void minVolatilityMatchesTheReference() {
        double[][] cov = RiskModels.sampleCov(returns);
        double[] w = new MeanVarianceOptimizer(cov).minVolatility();
        for (int a = 0; a < assets.length; a++) {
            close(w[a], exp("min_volatility", assets[a], ""), 0, 1e-6, "min_volatility " + assets[a]);
        }
        double wantVol = exp("perf_min_volatility", "vol", "");
        double vol = Math.sqrt(PortfolioPerformance.quadraticForm(w, cov));
        close(vol, wantVol, 1e-10, 0, "min volatility");
        checkPerformance("min_volatility", w, 1e-6);
    }

    @Test
    void maxSharpeMatchesTheReference() {
        double[][] cov = RiskModels.sampleCov(returns);
        double[] mu = ExpectedReturns.cagr(returns);
        double[] w = new MeanVarianceOptimizer(cov).maxSharpe(mu, RF);
        for (int a = 0; a < assets.length; a++) {
            close(w[a], exp("max_sharpe", assets[a], ""), 0, 1e-6, "max_sharpe " + assets[a]);
        }
        PortfolioPerformance p = PortfolioPerformance.of(w, mu, cov, RF);
        close(p.sharpe(), exp("perf_max_sharpe", "sharpe", ""), 1e-10, 0, "max Sharpe ratio");
        checkPerformance("max_sharpe", w, 1e-6);
    }

    @Test
    void maxSharpeWithNoReturnAboveTheRiskFreeRateFailsWithTheReason() {
        double[][] cov = RiskModels.sampleCov(returns);
        double[] mu = new double[assets.length];
        Arrays.fill(mu, 0.01);
        assertThatThrownBy(() -> new MeanVarianceOptimizer(cov).maxSharpe(mu, 0.02))
                .isInstanceOf(OptaicException.class)
                .hasMessage("max_sharpe needs at least one expected return above the risk-free rate 0.02")
                .satisfies(e -> assertThat(((OptaicException) e).isUserError()).isTrue());
    }

    @Test
    void facadeGivesTheSamePortfoliosWithTheirPerformance() {
        PortfolioOptimization opt = PortfolioOptimization.ofReturns(returns);
        assertThat(opt.assets()).containsExactly(assets);
        PortfolioOptimization.Result hrp = opt.hrp();
        assertThat(hrp.weights()).containsExactly(HierarchicalRiskParity.weights(returns));
        close(hrp.performance().sharpe(), exp("perf_hrp", "sharpe", ""), 1e-9, 0, "facade HRP Sharpe");
        close(
                opt.minVolatility().performance().volatility(),
                exp("perf_min_volatility", "vol", ""),
                1e-10,
                0,
                "facade min volatility");
        close(
                opt.maxSharpe().performance().sharpe(),
                exp("perf_max_sharpe", "sharpe", ""),
                1e-10,
                0,
                "facade max Sharpe");
        assertThatThrownBy(() -> opt.withRiskFreeRate(100.0).maxSharpe())
                .isInstanceOf(OptaicException.class)
                .hasMessage("max_sharpe needs at least one expected return above the risk-free rate 100.0");
    }

    private void checkPerformance(String method, double[] w, double rel) {
        PortfolioPerformance p =
                PortfolioPerformance.of(w, ExpectedReturns.cagr(returns), RiskModels.sampleCov(returns), RF);
        close(p.expectedReturn(), exp("perf_" + method, "ret", ""), rel, 0, method + " return");
        close(p.volatility(), exp("perf_" + method, "vol", ""), rel, 0, method + " volatility");
        close(p.sharpe(), exp("perf_" + method, "sharpe", ""), rel, 0, method + " Sharpe");
    }
}
