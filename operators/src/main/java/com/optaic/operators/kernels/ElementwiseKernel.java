package com.optaic.operators.kernels;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/** A function applied cell by cell; exactly one of the three arities is set. */
public record ElementwiseKernel(DoubleUnaryOperator unary, DoubleBinaryOperator binary, Ternary ternary)
        implements Kernel {

    @FunctionalInterface
    public interface Ternary {
        double apply(double a, double b, double c);
    }

    public static ElementwiseKernel of(DoubleUnaryOperator f) {
        return new ElementwiseKernel(f, null, null);
    }

    public static ElementwiseKernel of(DoubleBinaryOperator f) {
        return new ElementwiseKernel(null, f, null);
    }

    public static ElementwiseKernel of(Ternary f) {
        return new ElementwiseKernel(null, null, f);
    }

    public int arity() {
        return unary != null ? 1 : binary != null ? 2 : 3;
    }
}
