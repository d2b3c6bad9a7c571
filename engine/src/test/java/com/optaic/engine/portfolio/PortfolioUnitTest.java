package com.optaic.engine.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.optaic.common.OptaicException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-checked cases of the portfolio core. */
class PortfolioUnitTest {
    private static AssetReturns returns(double[]... series) {
        int rows = series[0].length;
        double[] v = new double[series.length * rows];
        String[] names = new String[series.length];
        for (int a = 0; a < series.length; a++) {
            System.arraycopy(series[a], 0, v, a * rows, rows);
            names[a] = "A" + a;
        }
        return new AssetReturns(names, rows, v);
    }

    @Test
    void cagrUsesEachAssetsOwnCount() {
        AssetReturns r = returns(new double[] {0.1, -0.1, 0.2}, new double[] {Double.NaN, 0.1, 0.1});
        double[] mu = ExpectedReturns.cagr(r, 252);
        assertThat(mu[0]).isCloseTo(Math.pow(1.1 * 0.9 * 1.2, 252.0 / 3) - 1, within(1e-9));
        assertThat(mu[1]).isCloseTo(Math.pow(1.21, 252.0 / 2) - 1, within(1e-3));
    }

    @Test
    void pairwiseCovarianceUsesOnlyCommonRows() {
        AssetReturns r = returns(new double[] {1, 2, 3, 4}, new double[] {Double.NaN, 2, 4, 9});
        double[][] c = RiskModels.covariance(r);
        assertThat(c[0][0]).isCloseTo(5.0 / 3, within(1e-15)); // all four rows
        assertThat(c[1][1]).isCloseTo(13.0, within(1e-12)); // mean 5: (9+1+16)/2
        assertThat(c[0][1]).isCloseTo(3.5, within(1e-12)); // rows 2..4: x mean 3, y mean 5: (3+0+4)/2
    }

    @Test
    void assetsWithNoCommonReturnsAreAUserError() {
        AssetReturns r = returns(
                new double[] {0.1, 0.2, Double.NaN, Double.NaN}, new double[] {Double.NaN, Double.NaN, 0.1, 0.3});
        assertThatThrownBy(() -> RiskModels.sampleCov(r))
                .isInstanceOf(OptaicException.class)
                .hasMessage("assets 'A0' and 'A1' have 0 common returns; covariance needs at least 2");
    }

    @Test
    void nonPsdMatrixIsClippedAndPsdLeftAlone() {
        double[][] psd = {{2, 1}, {1, 2}};
        assertThat(RiskModels.fixNonPsd(psd)).isSameAs(psd);
        // eigenvalues 3 and -1 with vectors (1,1)/sqrt2 and (1,-1)/sqrt2: clipped to 1.5 * [[1,1],[1,1]]
        double[][] fixed = RiskModels.fixNonPsd(new double[][] {{1, 2}, {2, 1}});
        for (double[] row : fixed) {
            for (double v : row) {
                assertThat(v).isCloseTo(1.5, within(1e-12));
            }
        }
    }

    @Test
    void singleLinkageNumbersClustersAsScipy() {
        // points on a line at 0, 10, 1, 11.5: merges (0,2) at 1 -> id 4, (1,3) at 1.5 -> id 5, (4,5) at 9
        double[] x = {0, 10, 1, 11.5};
        double[][] d = new double[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                d[i][j] = Math.abs(x[i] - x[j]);
            }
        }
        int[][] z = HierarchicalRiskParity.singleLinkage(d);
        assertThat(z).isDeepEqualTo(new int[][] {{0, 2}, {1, 3}, {4, 5}});
        assertThat(HierarchicalRiskParity.leafOrder(z, 4)).containsExactly(0, 2, 1, 3);
    }

    @Test
    void hrpOfUncorrelatedAssetsBisectsByInverseVariance() {
        double[][] corr = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        double[][] cov = {{1, 0, 0}, {0, 4, 0}, {0, 0, 4}};
        // all distances equal: scipy merges (0,1) first, then (2, 3): pre-order 2, 0, 1.
        // halves [2] | [0, 1]: var 4 vs inverse-variance var of {1,4} = 0.8: alpha = 1 - 4/4.8
        double[] w = HierarchicalRiskParity.weights(corr, cov);
        double a = 1 - 4 / 4.8;
        assertThat(w[2]).isCloseTo(a, within(1e-12));
        assertThat(w[0]).isCloseTo((1 - a) * 0.8, within(1e-12));
        assertThat(w[1]).isCloseTo((1 - a) * 0.2, within(1e-12));
        assertThat(HierarchicalRiskParity.clusterVariance(cov, List.of(0, 1))).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void performanceTriple() {
        PortfolioPerformance p = PortfolioPerformance.of(
                new double[] {0.5, 0.5}, new double[] {0.1, 0.2}, new double[][] {{0.04, 0}, {0, 0.09}}, 0.02);
        assertThat(p.expectedReturn()).isCloseTo(0.15, within(1e-15));
        assertThat(p.volatility()).isCloseTo(Math.sqrt(0.0325), within(1e-15));
        assertThat(p.sharpe()).isCloseTo(0.13 / Math.sqrt(0.0325), within(1e-12));
    }

    @Test
    void minVolatilityOfTwoUncorrelatedAssets() {
        double[] w = new MeanVarianceOptimizer(new double[][] {{0.04, 0}, {0, 0.09}}).minVolatility();
        assertThat(w[0]).isCloseTo(0.09 / 0.13, within(1e-7));
        assertThat(w[1]).isCloseTo(0.04 / 0.13, within(1e-7));
    }
}
