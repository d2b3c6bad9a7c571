package com.optaic.operators.kernels;

/**
 * A computation over one date's values across assets, {@code values[0, n)}. NaN marks an asset without a
 * value that date: it takes no part and gets NaN in {@code out}.
 */
@FunctionalInterface
public non-sealed interface CrossSectionKernel extends Kernel {
    void apply(double[] values, int n, double[] params, double[] out);
}
