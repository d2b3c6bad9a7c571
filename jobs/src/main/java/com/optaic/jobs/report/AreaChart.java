package com.optaic.jobs.report;

import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Areas over dates: one series filled to zero (a drawdown's underwater curve), or several stacked (weights over
 * time; positives stack up and negatives down). A gap (NaN) counts as zero.
 */
public final class AreaChart {
    private AreaChart() {}

    public static String draw(String title, int[] epochDays, List<Series> series, DoubleFunction<String> format) {
        int n = epochDays.length;
        double[][] lower = new double[series.size()][n];
        double[][] upper = new double[series.size()][n];
        double[] up = new double[n];
        double[] down = new double[n];
        double lo = 0;
        double hi = 0;
        for (int k = 0; k < series.size(); k++) {
            double[] values = series.get(k).values();
            for (int t = 0; t < n; t++) {
                double v = Double.isFinite(values[t]) ? values[t] : 0;
                double[] side = v >= 0 ? up : down;
                lower[k][t] = side[t];
                side[t] += v;
                upper[k][t] = side[t];
                lo = Math.min(lo, side[t]);
                hi = Math.max(hi, side[t]);
            }
        }
        if (lo == hi) {
            hi = lo + 1;
        }
        StringBuilder out = new StringBuilder(Svg.open("area", title));
        out.append(Svg.yAxis(lo, hi, format));
        out.append(LineChart.xAxis(epochDays));
        for (int k = 0; k < series.size(); k++) {
            StringBuilder d = new StringBuilder();
            for (int t = 0; t < n; t++) {
                d.append(t == 0 ? 'M' : 'L').append(point(t, n, upper[k][t], lo, hi));
            }
            for (int t = n - 1; t >= 0; t--) {
                d.append('L').append(point(t, n, lower[k][t], lo, hi));
            }
            String colour = LineChart.COLOURS[k % LineChart.COLOURS.length];
            out.append("<path class=\"series\" fill=\"")
                    .append(colour)
                    .append("\" fill-opacity=\"0.55\" stroke=\"")
                    .append(colour)
                    .append("\" stroke-width=\"0.5\" d=\"")
                    .append(n == 0 ? "M0,0" : d.append('Z'))
                    .append("\"/>");
        }
        out.append(LineChart.legend(series));
        return out.append(Svg.close()).toString();
    }

    private static String point(int t, int n, double value, double lo, double hi) {
        return Svg.f(LineChart.x(t, n)) + "," + Svg.f(Svg.scale(value, lo, hi, Svg.HEIGHT - Svg.BOTTOM, Svg.TOP));
    }
}
