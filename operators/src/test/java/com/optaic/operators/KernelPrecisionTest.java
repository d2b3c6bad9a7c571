package com.optaic.operators;

import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.operators.kernels.TimeSeriesKernels;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Rolling moments must not drift: on 100,000 rows around 1e9 with unit noise, TS_STD and TS_CORR agree
 * with a per-window two-pass recomputation (the independent witness, written out here) to 1e-9 relative.
 */
class KernelPrecisionTest {
    private static final int N = 100_000;

    private static double[] series(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = 1e9 + random.nextGaussian();
        }
        return x;
    }

    @Test
    void stdDoesNotDrift() {
        double[] x = series(1);
        for (int d : new int[] {5, 20, 250}) {
            double[] out = new double[N];
            TimeSeriesKernels.std(x, null, 0, N, 0, d, null, out);
            for (int e = d - 1; e < N; e += 97) {
                double mean = 0;
                for (int j = e - d + 1; j <= e; j++) {
                    mean += x[j];
                }
                mean /= d;
                double ss = 0;
                for (int j = e - d + 1; j <= e; j++) {
                    ss += (x[j] - mean) * (x[j] - mean);
                }
                double reference = Math.sqrt(ss / (d - 1));
                assertThat(Math.abs(out[e] - reference)).as("d=%d e=%d", d, e).isLessThanOrEqualTo(1e-9 * reference);
            }
        }
    }

    @Test
    void corrDoesNotDrift() {
        double[] x = series(2);
        double[] y = series(3);
        for (int i = 0; i < N; i++) {
            y[i] += 0.5 * (x[i] - 1e9); // some real correlation
        }
        for (int d : new int[] {10, 250}) {
            double[] out = new double[N];
            TimeSeriesKernels.corr(x, y, 0, N, 0, d, null, out);
            for (int e = d - 1; e < N; e += 101) {
                double mx = 0;
                double my = 0;
                for (int j = e - d + 1; j <= e; j++) {
                    mx += x[j];
                    my += y[j];
                }
                mx /= d;
                my /= d;
                double sxy = 0;
                double sxx = 0;
                double syy = 0;
                for (int j = e - d + 1; j <= e; j++) {
                    sxy += (x[j] - mx) * (y[j] - my);
                    sxx += (x[j] - mx) * (x[j] - mx);
                    syy += (y[j] - my) * (y[j] - my);
                }
                double reference = sxy / Math.sqrt(sxx * syy);
                assertThat(Math.abs(out[e] - reference))
                        .as("d=%d e=%d", d, e)
                        .isLessThanOrEqualTo(1e-9 * Math.abs(reference));
            }
        }
    }

    @Test
    void windowOfOneIsTheValueItself() {
        double[] x = {3, 1, 4, 1, 5, Double.NaN, 9};
        for (var kernel : new com.optaic.operators.kernels.TimeSeriesKernel[] {
            TimeSeriesKernels::sum,
            TimeSeriesKernels::mean,
            TimeSeriesKernels::min,
            TimeSeriesKernels::max,
            TimeSeriesKernels::median,
            TimeSeriesKernels::product,
            TimeSeriesKernels::decayLinear
        }) {
            double[] out = new double[x.length];
            kernel.apply(x, null, 0, x.length, 0, 1, null, out);
            assertThat(out).containsExactly(x);
        }
    }
}
