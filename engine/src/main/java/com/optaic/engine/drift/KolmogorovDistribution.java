package com.optaic.engine.drift;

import java.util.Arrays;

/**
 * The survival function Pr(D_n > x) of the two-sided one-sample Kolmogorov-Smirnov statistic, following
 * scipy's {@code scipy.stats.kstwo.sf} (Simard and L'Ecuyer 2011: Ruben-Gambino at the ends, the Durbin
 * matrix of Marsaglia-Tsang-Wang, Pomeranz's recursion, the Pelz-Good expansion and twice the one-sided
 * Smirnov tail), branch for branch, so that a two-sample p-value in asymptotic mode agrees with scipy's
 * {@code ks_2samp}. The one-sided Smirnov tail is Birnbaum and Tingey's exact sum, evaluated in logs.
 */
final class KolmogorovDistribution {
    private static final int E128 = 128;
    private static final double EP128 = Math.scalb(1.0, E128);
    private static final double EM128 = Math.scalb(1.0, -E128);
    private static final double SQRT2PI = Math.sqrt(2 * Math.PI);
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private static final double MIN_LOG = -708;
    private static final double SQRT3 = Math.sqrt(3);
    private static final double PI_SQUARED = Math.PI * Math.PI;
    private static final double PI_FOUR = Math.pow(Math.PI, 4);
    private static final double PI_SIX = Math.pow(Math.PI, 6);
    private static final double[] STIRLING_COEFFS = {
        -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
        -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2
    };

    private KolmogorovDistribution() {}

    /** Pr(D_n > x) for n >= 1. */
    static double survival(int n, double x) {
        if (n <= 0 || Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x >= 1.0) {
            return 0.0;
        }
        if (x <= 0.0) {
            return 1.0;
        }
        double t = n * x;
        if (t <= 1.0) {
            if (t <= 0.5) {
                return 1.0;
            }
            double prob;
            if (n <= 140) {
                prob = 1.0;
                for (int i = 1; i <= n; i++) {
                    prob *= i * (1.0 / n) * (2 * t - 1);
                }
            } else {
                prob = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
            }
            return clip(1.0 - prob);
        }
        if (t >= n - 1) {
            return clip(2 * Math.pow(1.0 - x, n));
        }
        if (x >= 0.5) {
            return clip(2 * smirnov(n, x));
        }
        double nxSquared = t * x;
        if (n <= 140) {
            if (nxSquared <= 0.754693) {
                return clip(1.0 - durbinMatrix(n, x));
            }
            if (nxSquared <= 4) {
                return clip(1.0 - pomeranz(n, x));
            }
            return clip(2 * smirnov(n, x));
        }
        if (nxSquared >= 370.0) {
            return 0.0;
        }
        if (nxSquared >= 2.2) {
            return clip(2 * smirnov(n, x));
        }
        double cdf;
        if (n <= 100_000 && n * Math.pow(x, 1.5) <= 1.4) {
            cdf = durbinMatrix(n, x);
        } else {
            cdf = pelzGood(n, x);
        }
        return clip(1.0 - cdf);
    }

    private static double clip(double p) {
        return Math.min(Math.max(p, 0.0), 1.0);
    }

    private static double logFactorialOverPower(int n) {
        double rn = 1.0 / n;
        double poly = 0.0;
        for (double c : STIRLING_COEFFS) {
            poly = poly * (rn / n) + c;
        }
        return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
    }

    /**
     * The one-sided tail Pr(D+_n > e) = e * sum_{v=0}^{floor(n(1-e))} C(n,v) (e+v/n)^(v-1) (1-e-v/n)^(n-v),
     * each term taken in logs (the binomial coefficient built up incrementally) so no term overflows.
     */
    static double smirnov(int n, double e) {
        if (!(n > 0 && e >= 0.0 && e <= 1.0)) {
            return Double.NaN;
        }
        if (e == 0.0) {
            return 1.0;
        }
        int last = (int) Math.floor(n * (1.0 - e));
        double logBinomial = 0.0;
        double sum = 0.0;
        for (int v = 0; v <= last; v++) {
            double evn = e + (double) v / n;
            double omevn = 1.0 - evn;
            if (omevn > 0.0) {
                double term = logBinomial + (v - 1) * Math.log(evn) + (n - v) * Math.log(omevn);
                if (term > MIN_LOG) {
                    sum += Math.exp(term);
                }
            } else if (n == v) {
                sum += Math.exp(logBinomial + (v - 1) * Math.log(evn));
            }
            logBinomial += Math.log((double) (n - v) / (v + 1));
        }
        return sum * e;
    }

    /** Pr(D_n <= d) by the Durbin matrix, Marsaglia-Tsang-Wang's form with rescaled powers. */
    static double durbinMatrix(int n, double d) {
        if (d >= 1.0) {
            return 1.0;
        }
        double nd = n * d;
        if (nd <= 0.5) {
            return 0.0;
        }
        int k = (int) Math.ceil(nd);
        double h = k - nd;
        int m = 2 * k - 1;
        double[][] matrix = new double[m][m];
        double[] v = new double[m];
        double[] w = new double[m];
        double fac = 1.0;
        for (int j = 1; j <= m; j++) {
            v[j - 1] = 1.0 - Math.pow(h, j);
            w[j - 1] = fac;
            fac /= j;
            v[j - 1] *= fac;
        }
        double tt = Math.pow(Math.max(2 * h - 1.0, 0), m) - 2 * Math.pow(h, m);
        v[m - 1] = (1.0 + tt) * fac;
        for (int i = 1; i < m; i++) {
            for (int r = i - 1; r < m; r++) {
                matrix[r][i] = w[r - (i - 1)];
            }
        }
        for (int r = 0; r < m; r++) {
            matrix[r][0] = v[r];
        }
        for (int c = 0; c < m; c++) {
            matrix[m - 1][c] = v[m - 1 - c];
        }
        double[][] power = identity(m);
        int nn = n;
        int exponent = 0;
        int matrixExponent = 0;
        while (nn > 0) {
            if (nn % 2 != 0) {
                power = multiply(power, matrix);
                exponent += matrixExponent;
            }
            matrix = multiply(matrix, matrix);
            matrixExponent *= 2;
            if (Math.abs(matrix[k - 1][k - 1]) > EP128) {
                scale(matrix, EM128);
                matrixExponent += E128;
            }
            nn /= 2;
        }
        double p = power[k - 1][k - 1];
        for (int i = 1; i <= n; i++) {
            p = i * p / n;
            if (Math.abs(p) < EM128) {
                p *= EP128;
                exponent -= E128;
            }
        }
        if (exponent != 0) {
            p = Math.scalb(p, exponent);
        }
        return clip(p);
    }

    private static double[][] identity(int m) {
        double[][] id = new double[m][m];
        for (int i = 0; i < m; i++) {
            id[i][i] = 1.0;
        }
        return id;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int m = a.length;
        double[][] c = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int l = 0; l < m; l++) {
                double ail = a[i][l];
                if (ail == 0.0) {
                    continue;
                }
                double[] bl = b[l];
                double[] ci = c[i];
                for (int j = 0; j < m; j++) {
                    ci[j] += ail * bl[j];
                }
            }
        }
        return c;
    }

    private static void scale(double[][] a, double factor) {
        for (double[] row : a) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= factor;
            }
        }
    }

    /** Pr(D_n <= x) by Pomeranz's recursion. */
    static double pomeranz(int n, double x) {
        double t = n * x;
        int ll = (int) Math.floor(t);
        double f = t - ll;
        double g = Math.min(f, 1.0 - f);
        int ceilf = f > 0 ? 1 : 0;
        int roundf = f > 0.5 ? 1 : 0;
        int powers = 2 * (ll + 1);
        double[] gPower = new double[powers];
        double[] twoGPower = new double[powers];
        double[] oneMinusTwoGPower = new double[powers];
        gPower[0] = 1.0;
        twoGPower[0] = 1.0;
        oneMinusTwoGPower[0] = 1.0;
        int exponent = 0;
        double gOverN = g / n;
        double twoGOverN = 2 * g / n;
        double oneMinusTwoGOverN = (1 - 2 * g) / n;
        for (int m = 1; m < powers; m++) {
            gPower[m] = gPower[m - 1] * gOverN / m;
            twoGPower[m] = twoGPower[m - 1] * twoGOverN / m;
            oneMinusTwoGPower[m] = oneMinusTwoGPower[m - 1] * oneMinusTwoGOverN / m;
        }
        double[] v0 = new double[powers];
        double[] v1 = new double[powers];
        v1[0] = 1;
        int v0Start = 0;
        int v1Start = 0;
        int[] j12 = pomeranzInterval(0, n, ll, ceilf, roundf);
        for (int i = 1; i < 2 * n + 2; i++) {
            int k1 = j12[0];
            double[] swap = v0;
            v0 = v1;
            v1 = swap;
            int swapStart = v0Start;
            v0Start = v1Start;
            v1Start = swapStart;
            Arrays.fill(v1, 0.0);
            j12 = pomeranzInterval(i, n, ll, ceilf, roundf);
            int j1 = j12[0];
            int j2 = j12[1];
            double[] pwrs = (i == 1 || i == 2 * n + 1) ? gPower : (i % 2 != 0 ? twoGPower : oneMinusTwoGPower);
            int length = j2 - k1 + 1;
            if (length > 0) {
                int convStart = j1 - k1;
                int convLength = j2 - j1 + 1;
                double max = 0.0;
                for (int out = 0; out < convLength; out++) {
                    int index = convStart + out;
                    double sum = 0.0;
                    for (int a = Math.max(0, index - (length - 1)); a <= Math.min(index, length - 1); a++) {
                        sum += v0[k1 - v0Start + a] * pwrs[index - a];
                    }
                    v1[out] = sum;
                    max = Math.max(max, sum);
                }
                if (0 < max && max < EM128) {
                    for (int out = 0; out < v1.length; out++) {
                        v1[out] *= EP128;
                    }
                    exponent -= E128;
                }
                v1Start = v0Start + j1 - k1;
            }
        }
        double answer = v1[n - v1Start];
        for (int m = 1; m <= n; m++) {
            if (Math.abs(answer) > EP128) {
                answer *= EM128;
                exponent += E128;
            }
            answer *= m;
        }
        if (exponent != 0) {
            answer = Math.scalb(answer, exponent);
        }
        return clip(answer);
    }

    private static int[] pomeranzInterval(int i, int n, int ll, int ceilf, int roundf) {
        int j1;
        int j2;
        if (i == 0) {
            j1 = -ll - ceilf - 1;
            j2 = ll + ceilf - 1;
        } else {
            int half = (i + 1) / 2;
            if ((i + 1) % 2 == 0) {
                if (half == n + 1) {
                    j1 = n - ll - ceilf - 1;
                    j2 = n + ll + ceilf - 1;
                } else {
                    j1 = half - 1 - ll - roundf - 1;
                    j2 = half + ll - 1 + ceilf - 1;
                }
            } else {
                j1 = half - 1 - ll - 1;
                j2 = half + ll + roundf - 1;
            }
        }
        return new int[] {Math.max(j1 + 2, 0), Math.min(j2, n)};
    }

    /** Pr(D_n <= x) by the Pelz-Good asymptotic expansion. */
    static double pelzGood(int n, double x) {
        if (x <= 0.0) {
            return 0.0;
        }
        if (x >= 1.0) {
            return 1.0;
        }
        double z = Math.sqrt(n) * x;
        double zSquared = z * z;
        double zThree = zSquared * z;
        double zFour = zSquared * zSquared;
        double zSix = zFour * zSquared;
        double qLog = -PI_SQUARED / 8 / zSquared;
        if (qLog < MIN_LOG) {
            return 0.0;
        }
        double q = Math.exp(qLog);
        double k1a = -zSquared;
        double k1b = PI_SQUARED / 4;
        double k2a = 6 * zSix + 2 * zFour;
        double k2b = (2 * zFour - 5 * zSquared) * PI_SQUARED / 4;
        double k2c = PI_FOUR * (1 - 2 * zSquared) / 16;
        double k3d = PI_SIX * (5 - 30 * zSquared) / 64;
        double k3c = PI_FOUR * (-60 * zSquared + 212 * zFour) / 16;
        double k3b = PI_SQUARED * (135 * zFour - 96 * zSix) / 4;
        double k3a = -30 * zSix - 90 * Math.pow(z, 8);
        double[] terms = new double[4];
        int maxK = (int) Math.ceil(16 * z / Math.PI);
        for (int k = maxK; k > 0; k--) {
            double m = 2 * k - 1;
            double mSquared = m * m;
            double mFour = mSquared * mSquared;
            double mSix = mFour * mSquared;
            double qPower = Math.pow(q, 8 * k);
            double[] coeffs = {
                1.0,
                k1a + k1b * mSquared,
                k2a + k2b * mSquared + k2c * mFour,
                k3a + k3b * mSquared + k3c * mFour + k3d * mSix
            };
            for (int i = 0; i < 4; i++) {
                terms[i] = terms[i] * qPower + coeffs[i];
            }
        }
        double[] divisors = {z, 6 * zFour, 72 * Math.pow(z, 7), 6480 * Math.pow(z, 10)};
        for (int i = 0; i < 4; i++) {
            terms[i] = terms[i] * q * SQRT2PI / divisors[i];
        }
        double q2 = Math.exp(-PI_SQUARED / 2 / zSquared);
        double k2extra = 0.0;
        double k3extra = 0.0;
        for (int k = maxK; k > 0; k--) {
            double kSquared = (double) k * k;
            double qPower = Math.pow(q2, kSquared);
            double kPi = Math.PI * k;
            k2extra += kSquared * qPower;
            k3extra += (SQRT3 * z + kPi) * (SQRT3 * z - kPi) * kSquared * qPower;
        }
        terms[2] += k2extra * PI_SQUARED * SQRT2PI / (-36 * zThree);
        terms[3] += k3extra * PI_SQUARED * SQRT2PI / (216 * zSix);
        double sum = 0.0;
        for (int i = 0; i < 4; i++) {
            sum += terms[i] / Math.pow(n * 1.0, i / 2.0);
        }
        return sum;
    }
}
