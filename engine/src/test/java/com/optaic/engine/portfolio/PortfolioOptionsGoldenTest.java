package com.optaic.engine.portfolio;

import static com.optaic.engine.portfolio.TestingPortfolio.close;
import static com.optaic.engine.portfolio.TestingPortfolio.expected;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The risk models, the mean-variance options and risk parity on the 20 real stocks against the independent
 * scipy/pandas values of {@code portfolio/generate.py} (SLSQP from two starts, scikit-learn's and
 * PyPortfolioOpt's shrinkage formulas, pandas' ewm, scipy's root finder for risk parity).
 */
class PortfolioOptionsGoldenTest {
    private static final Map<String, List<String>> SECTORS = Map.of(
            "tech", List.of("AAPL", "AMD", "AMZN", "BABA", "FB", "GOOG"),
            "finance", List.of("BAC", "JPM", "MA"),
            "energy", List.of("RRC", "XOM"));
    private static final Map<String, double[]> LIMITS =
            Map.of("tech", new double[] {0, 0.2}, "finance", new double[] {0.1, 0.3}, "energy", new double[] {0, 0.1});

    private static AssetReturns returns;
    private static String[] assets;
    private static double[][] cov;
    private static double[] mu;

    @BeforeAll
    static void load() {
        returns = TestingPortfolio.returns();
        assets = returns.assets();
        cov = RiskModels.sampleCov(returns);
        mu = ExpectedReturns.cagr(returns);
    }

    private static void checkMatrix(double[][] actual, String section) {
        for (int i = 0; i < assets.length; i++) {
            for (int j = 0; j < assets.length; j++) {
                close(
                        actual[i][j],
                        expected(section, assets[i], assets[j]),
                        1e-9,
                        1e-15,
                        section + " " + assets[i] + "," + assets[j]);
            }
        }
    }

    @Test
    void ledoitWolfConstantVarianceIsScikitLearns() {
        CovarianceShrinkage.Shrunk lw = CovarianceShrinkage.constantVariance(returns, 252);
        close(lw.shrinkage(), expected("shrinkage_ledoit_wolf", "", ""), 1e-9, 0, "shrinkage");
        checkMatrix(lw.covariance(), "cov_ledoit_wolf");
    }

    @Test
    void ledoitWolfConstantCorrelationIsPyPortfolioOpts() {
        CovarianceShrinkage.Shrunk cc = CovarianceShrinkage.constantCorrelation(returns, 252);
        close(cc.shrinkage(), expected("shrinkage_ledoit_wolf_cc", "", ""), 1e-9, 0, "shrinkage");
        checkMatrix(cc.covariance(), "cov_ledoit_wolf_cc");
    }

    @Test
    void semicovarianceAndExponentialCovariance() {
        checkMatrix(RiskModels.semicovariance(returns, 0.0, 252), "cov_semicovariance");
        checkMatrix(RiskModels.exponentialCovariance(returns, 180, 252), "cov_exp");
        checkMatrix(PortfolioOptimization.covariance(returns, "exp"), "cov_exp");
        checkMatrix(PortfolioOptimization.covariance(returns, "ledoit_wolf"), "cov_ledoit_wolf");
    }

    @Test
    void maxQuadraticUtility() {
        check("mqu_1", new MeanVarianceOptimizer(cov).maxQuadraticUtility(mu, 1));
        check("mqu_5", new MeanVarianceOptimizer(cov).maxQuadraticUtility(mu, 5));
    }

    @Test
    void efficientRiskMeetsTheTargetVolatility() {
        double[] w = new MeanVarianceOptimizer(cov).efficientRisk(mu, 0.25);
        close(Math.sqrt(PortfolioPerformance.quadraticForm(w, cov)), 0.25, 1e-10, 0, "volatility at target");
        check("efficient_risk_025", w);
    }

    @Test
    void efficientReturn() {
        check("efficient_return_02", new MeanVarianceOptimizer(cov).efficientReturn(mu, 0.2));
    }

    @Test
    void marketNeutralWeightsSumToZero() {
        MvoOptions neutral = MvoOptions.marketNeutral(assets.length);
        double[] risk = new MeanVarianceOptimizer(cov, neutral).efficientRisk(mu, 0.15);
        assertThat(Arrays.stream(risk).sum()).isCloseTo(0.0, org.assertj.core.api.Assertions.within(1e-9));
        check("neutral_efficient_risk_015", risk);
        check("neutral_efficient_return_01", new MeanVarianceOptimizer(cov, neutral).efficientReturn(mu, 0.1));
        check("neutral_mqu_5", new MeanVarianceOptimizer(cov, neutral).maxQuadraticUtility(mu, 5));
    }

    @Test
    void l2RegularisationTransactionCostAndBounds() {
        check(
                "l2_min_volatility",
                new MeanVarianceOptimizer(
                                cov, MvoOptions.longOnly(assets.length).withL2(0.1))
                        .minVolatility());
        double[] previous = new double[assets.length];
        Arrays.fill(previous, 1.0 / assets.length);
        check(
                "cost_mqu_5",
                new MeanVarianceOptimizer(
                                cov, MvoOptions.longOnly(assets.length).withTransactionCost(0.01, previous))
                        .maxQuadraticUtility(mu, 5));
        check(
                "bounded_min_volatility",
                new MeanVarianceOptimizer(cov, MvoOptions.bounds(assets.length, 0.02, 0.2)).minVolatility());
    }

    @Test
    void sectorLimits() {
        MvoOptions options = MvoOptions.longOnly(assets.length).withGroups(groups());
        double[] w = new MeanVarianceOptimizer(cov, options).efficientReturn(mu, 0.2);
        check("sector_efficient_return_02", w);
        assertThat(groupWeight(w, "tech")).isLessThanOrEqualTo(0.2 + 1e-9);
        check("sector_mqu_5", new MeanVarianceOptimizer(cov, options).maxQuadraticUtility(mu, 5));
    }

    @Test
    void specThroughTheFacadeGivesTheSamePortfolio() {
        PortfolioOptimization opt = PortfolioOptimization.of(returns, OptimizerSpec.of("efficient_return"));
        check(
                "efficient_return_02",
                opt.optimize(OptimizerSpec.of("efficient_return").withTarget(0.2))
                        .weights());
        Map<String, String> sectorOf = new java.util.HashMap<>();
        SECTORS.forEach((g, members) -> members.forEach(a -> sectorOf.put(a, g)));
        OptimizerSpec spec = OptimizerSpec.of("max_quadratic_utility");
        spec = new OptimizerSpec(
                spec.method(),
                "sample",
                "cagr",
                0.02,
                spec.target(),
                5.0,
                spec.lowerBound(),
                spec.upperBound(),
                false,
                0,
                0,
                Map.of(),
                sectorOf,
                LIMITS,
                Map.of());
        check("sector_mqu_5", opt.optimize(spec).weights());
    }

    @Test
    void riskParityEqualContributionsAndBudgets() {
        double[] erc = RiskParity.equalRisk(cov);
        double[] budgets = new double[assets.length];
        for (int a = 0; a < assets.length; a++) {
            budgets[a] = a + 1;
        }
        double[] budgeted = RiskParity.weights(cov, budgets);
        double total = assets.length * (assets.length + 1) / 2.0;
        double[] rcErc = RiskParity.riskContributions(cov, erc);
        double[] rcBudget = RiskParity.riskContributions(cov, budgeted);
        double volErc = Arrays.stream(rcErc).sum();
        double volBudget = Arrays.stream(rcBudget).sum();
        close(volErc, Math.sqrt(PortfolioPerformance.quadraticForm(erc, cov)), 1e-14, 0, "contributions sum to vol");
        for (int a = 0; a < assets.length; a++) {
            close(rcErc[a] / volErc, 1.0 / assets.length, 0, 1e-10, "ERC share " + assets[a]);
            close(rcBudget[a] / volBudget, budgets[a] / total, 0, 1e-10, "budget share " + assets[a]);
            close(erc[a], expected("rp_erc", assets[a], ""), 1e-9, 0, "ERC weight " + assets[a]);
            close(budgeted[a], expected("rp_budget", assets[a], ""), 1e-9, 0, "budget weight " + assets[a]);
        }
        assertThat(Arrays.stream(erc).sum()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-14));
    }

    private static List<MvoOptions.GroupLimit> groups() {
        List<MvoOptions.GroupLimit> groups = new ArrayList<>();
        LIMITS.forEach((g, lim) -> groups.add(new MvoOptions.GroupLimit(g, members(g), lim[0], lim[1])));
        return groups;
    }

    private static int[] members(String group) {
        return java.util.stream.IntStream.range(0, assets.length)
                .filter(a -> SECTORS.get(group).contains(assets[a]))
                .toArray();
    }

    private static double groupWeight(double[] w, String group) {
        return Arrays.stream(members(group)).mapToDouble(a -> w[a]).sum();
    }

    private static void check(String section, double[] w) {
        Function<String, Double> perf = k -> expected("perf_" + section, k, "");
        for (int a = 0; a < assets.length; a++) {
            close(w[a], expected(section, assets[a], ""), 0, 1e-6, section + " " + assets[a]);
        }
        PortfolioPerformance p = PortfolioPerformance.of(w, mu, cov, TestingPortfolio.RF);
        close(p.expectedReturn(), perf.apply("ret"), 1e-6, 0, section + " return");
        close(p.volatility(), perf.apply("vol"), 1e-6, 0, section + " volatility");
        close(p.sharpe(), perf.apply("sharpe"), 1e-6, 0, section + " Sharpe");
    }
}
