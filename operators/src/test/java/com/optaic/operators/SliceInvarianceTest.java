package com.optaic.operators;

import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.operators.kernels.TimeSeriesKernel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A slice of a series, told its global first row, computes every window whose rows it holds with exactly
 * the arithmetic of the whole series: the property that makes Spark blocks and incremental runs equal a
 * full in-process evaluation bit for bit.
 */
class SliceInvarianceTest {
    @Test
    void everyWindowedKernelIsBitIdenticalOnSlices() {
        SplittableRandom random = new SplittableRandom(5);
        int n = 700;
        double[] x = new double[n];
        double[] y = new double[n];
        double level = 100;
        for (int i = 0; i < n; i++) {
            level *= 1 + 0.02 * random.nextGaussian();
            x[i] = random.nextInt(40) == 0 ? Double.NaN : level;
            y[i] = random.nextInt(50) == 0 ? Double.NaN : Math.rint(random.nextGaussian() * 20) / 4;
        }
        List<String> differences = new ArrayList<>();
        for (OperatorSpec spec : BuiltinOperators.registry().all()) {
            if (!(spec.kernel() instanceof TimeSeriesKernel kernel)
                    || spec.name().equals("EMA")) {
                continue; // EMA has infinite memory: slices need a warm-up, not just the window
            }
            double[] params = spec.name().equals("TS_QUANTILE") ? new double[] {0.3} : new double[0];
            for (int d : new int[] {1, 3, 7, 20, 30, 64}) {
                double[] whole = new double[n];
                kernel.apply(x, y, 0, n, 0, d, params, whole);
                for (int start : new int[] {1, 5, 19, 64, 333}) {
                    int length = n - start;
                    double[] xs = java.util.Arrays.copyOfRange(x, start, n);
                    double[] ys = java.util.Arrays.copyOfRange(y, start, n);
                    double[] part = new double[length];
                    kernel.apply(xs, ys, 0, length, start, d, params, part);
                    int shift = spec.name().equals("REF") || spec.name().equals("DELTA") ? d : d - 1;
                    for (int i = shift; i < length; i++) {
                        if (Double.doubleToLongBits(part[i]) != Double.doubleToLongBits(whole[start + i])) {
                            differences.add(spec.name() + " d=" + d + " start=" + start + " row=" + (start + i) + ": "
                                    + whole[start + i] + " vs " + part[i]);
                            break;
                        }
                    }
                }
            }
        }
        assertThat(differences).isEmpty();
    }
}
