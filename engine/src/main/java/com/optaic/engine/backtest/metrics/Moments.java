package com.optaic.engine.backtest.metrics;

/** Two-pass sample moments of dense arrays (no NaN: callers drop or fill missing values first). */
final class Moments {
    private Moments() {}

    static double mean(double[] x, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += x[i];
        }
        return sum / n;
    }

    /** Sample covariance (ddof 1) of the first n values; NaN below two values. */
    static double covariance(double[] x, double[] y, int n) {
        if (n < 2) {
            return Double.NaN;
        }
        double mx = mean(x, n);
        double my = mean(y, n);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (x[i] - mx) * (y[i] - my);
        }
        return sum / (n - 1);
    }

    static double std(double[] x, int n) {
        return Math.sqrt(covariance(x, x, n));
    }

    static double mean(double[] x) {
        return mean(x, x.length);
    }

    static double std(double[] x) {
        return std(x, x.length);
    }

    /** Pearson correlation of the first n pairs; NaN below two pairs or when either side is constant. */
    static double correlation(double[] x, double[] y, int n) {
        if (n < 2 || constant(x, n) || constant(y, n)) {
            return Double.NaN;
        }
        double mx = mean(x, n);
        double my = mean(y, n);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    /** Exactly equal values: their mean may differ from them in the last bit, so test equality, not spread. */
    private static boolean constant(double[] x, int n) {
        for (int i = 1; i < n; i++) {
            if (x[i] != x[0]) {
                return false;
            }
        }
        return true;
    }
}
