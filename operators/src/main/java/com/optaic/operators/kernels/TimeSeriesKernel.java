package com.optaic.operators.kernels;

/**
 * A rolling computation over one asset's series. The series occupy {@code [off, off + len)} of the input
 * arrays (calendar rows in order, NaN where there is no value); the kernel writes the same positions of
 * {@code out}. {@code y} is the second series of pair operators and null otherwise.
 *
 * <p>{@code firstRow} is the global calendar row of position {@code off}: kernels that work in blocks of
 * rows align them to global rows, so any slice of a series (a Spark block, an incremental run) computes
 * every valid window with exactly the same arithmetic as the whole series does.
 */
@FunctionalInterface
public non-sealed interface TimeSeriesKernel extends Kernel {
    void apply(double[] x, double[] y, int off, int len, int firstRow, int window, double[] params, double[] out);
}
