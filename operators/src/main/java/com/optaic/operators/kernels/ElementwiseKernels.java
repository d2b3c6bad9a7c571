package com.optaic.operators.kernels;

import static java.lang.Double.NaN;

/**
 * Cell-by-cell functions. Deliberate departures from IEEE/pandas, because they keep research pipelines
 * sane: division by zero, LOG/SQRT outside their domain, non-finite powers, and any comparison or logic
 * with a NaN operand give NaN rather than an infinity or False.
 */
public final class ElementwiseKernels {
    private ElementwiseKernels() {}

    public static double div(double a, double b) {
        return b == 0 ? NaN : a / b;
    }

    public static double log(double a) {
        return a > 0 ? Math.log(a) : NaN;
    }

    public static double sqrt(double a) {
        return a >= 0 ? Math.sqrt(a) : NaN;
    }

    public static double power(double a, double b) {
        if (eitherNaN(a, b)) {
            return NaN; // Math.pow gives 1 for NaN^0 and 1^NaN
        }
        double r = Math.pow(a, b);
        return Double.isFinite(r) ? r : NaN;
    }

    public static double signedPower(double a, double b) {
        if (eitherNaN(a, b)) {
            return NaN;
        }
        double r = Math.signum(a) * Math.pow(Math.abs(a), b);
        return Double.isFinite(r) ? r : NaN;
    }

    public static double inv(double a) {
        return a == 0 ? NaN : 1 / a;
    }

    public static double truth(boolean b) {
        return b ? 1.0 : 0.0;
    }

    public static boolean eitherNaN(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b);
    }

    public static double lt(double a, double b) {
        return eitherNaN(a, b) ? NaN : truth(a < b);
    }

    public static double le(double a, double b) {
        return eitherNaN(a, b) ? NaN : truth(a <= b);
    }

    public static double gt(double a, double b) {
        return eitherNaN(a, b) ? NaN : truth(a > b);
    }

    public static double ge(double a, double b) {
        return eitherNaN(a, b) ? NaN : truth(a >= b);
    }

    public static double eq(double a, double b) {
        return eitherNaN(a, b) ? NaN : truth(a == b);
    }

    public static double ne(double a, double b) {
        return eitherNaN(a, b) ? NaN : truth(a != b);
    }

    public static double and(double a, double b) {
        return eitherNaN(a, b) ? NaN : truth(a != 0 && b != 0);
    }

    public static double or(double a, double b) {
        return eitherNaN(a, b) ? NaN : truth(a != 0 || b != 0);
    }

    public static double not(double a) {
        return Double.isNaN(a) ? NaN : truth(a == 0);
    }

    public static double ifThenElse(double c, double a, double b) {
        return Double.isNaN(c) ? NaN : c != 0 ? a : b;
    }

    public static double isNaN(double a) {
        return truth(Double.isNaN(a));
    }

    public static double fillNaN(double a, double v) {
        return !Double.isNaN(a) ? a : v;
    }
}
