package com.optaic.operators.kernels;

/**
 * A rolling computation over one asset's series. The series occupy {@code [off, off + len)} of the input
 * arrays (calendar rows in order, NaN where there is no value); the kernel writes the same positions of
 * {@code out}. {@code y} is the second series of pair operators and null otherwise.
 */
@FunctionalInterface
public non-sealed interface TimeSeriesKernel extends Kernel {
    void apply(double[] x, double[] y, int off, int len, int window, double[] params, double[] out);
}
