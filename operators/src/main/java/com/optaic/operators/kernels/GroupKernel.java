package com.optaic.operators.kernels;

/**
 * A computation over one date's values within each group: {@code groups[i]} is asset i's group code that
 * date (NaN when unknown, which gives NaN in {@code out}).
 */
@FunctionalInterface
public non-sealed interface GroupKernel extends Kernel {
    void apply(double[] values, double[] groups, int n, double[] params, double[] out);
}
