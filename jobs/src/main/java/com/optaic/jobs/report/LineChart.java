package com.optaic.jobs.report;

import java.time.LocalDate;
import java.util.List;
import java.util.function.DoubleFunction;

/** Lines over dates, one per series, sharing the y axis; a gap (NaN) breaks a line. */
public final class LineChart {
    static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"};

    private LineChart() {}

    public static String draw(String title, int[] epochDays, List<Series> series, DoubleFunction<String> format) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : s.values()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        StringBuilder out = new StringBuilder(Svg.open("line", title));
        out.append(Svg.yAxis(lo, hi, format));
        out.append(xAxis(epochDays));
        for (int k = 0; k < series.size(); k++) {
            out.append("<path class=\"series\" fill=\"none\" stroke=\"")
                    .append(COLOURS[k % COLOURS.length])
                    .append("\" d=\"")
                    .append(path(series.get(k).values(), lo, hi))
                    .append("\"/>");
        }
        out.append(legend(series));
        return out.append(Svg.close()).toString();
    }

    /** Points drawn at most: a longer series keeps each bucket's first, lowest and highest values. */
    static final int MAX_POINTS = 1500;

    /** The path of one series: M at each start after a gap, L otherwise. */
    static String path(double[] values, double lo, double hi) {
        StringBuilder d = new StringBuilder();
        boolean drawing = false;
        int buckets = Math.min(values.length, MAX_POINTS / 3);
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * values.length / buckets);
            int to = (int) ((long) (b + 1) * values.length / buckets);
            int low = -1;
            int high = -1;
            for (int t = from; t < to; t++) {
                if (Double.isFinite(values[t])) {
                    low = low < 0 || values[t] < values[low] ? t : low;
                    high = high < 0 || values[t] > values[high] ? t : high;
                }
            }
            if (low < 0) {
                drawing = false;
                continue;
            }
            for (int t : new int[] {from, Math.min(low, high), Math.max(low, high)}) {
                if (!Double.isFinite(values[t])) {
                    continue;
                }
                d.append(drawing ? 'L' : 'M')
                        .append(Svg.f(x(t, values.length)))
                        .append(',')
                        .append(Svg.f(Svg.scale(values[t], lo, hi, Svg.HEIGHT - Svg.BOTTOM, Svg.TOP)));
                drawing = true;
            }
        }
        return d.length() == 0 ? "M0,0" : d.toString();
    }

    static double x(int t, int count) {
        return Svg.scale(t, 0, Math.max(1, count - 1), Svg.LEFT, Svg.WIDTH - Svg.RIGHT);
    }

    /** The first and last dates under the plot. */
    static String xAxis(int[] epochDays) {
        if (epochDays.length == 0) {
            return "";
        }
        double y = Svg.HEIGHT - Svg.BOTTOM;
        return "<line class=\"axis\" x1=\"" + Svg.LEFT + "\" y1=\"" + Svg.f(y) + "\" x2=\"" + (Svg.WIDTH - Svg.RIGHT)
                + "\" y2=\"" + Svg.f(y) + "\"/>"
                + Svg.text(
                        Svg.LEFT,
                        y + 16,
                        "start",
                        LocalDate.ofEpochDay(epochDays[0]).toString())
                + Svg.text(
                        Svg.WIDTH - Svg.RIGHT,
                        y + 16,
                        "end",
                        LocalDate.ofEpochDay(epochDays[epochDays.length - 1]).toString());
    }

    static String legend(List<Series> series) {
        StringBuilder out = new StringBuilder();
        double x = Svg.WIDTH - Svg.RIGHT;
        for (int k = series.size() - 1; k >= 0; k--) {
            String name = series.get(k).name();
            x -= 12 + 7 * name.length();
            out.append("<rect x=\"")
                    .append(Svg.f(x))
                    .append("\" y=\"7\" width=\"9\" height=\"9\" fill=\"")
                    .append(COLOURS[k % COLOURS.length])
                    .append("\"/>")
                    .append(Svg.text(x + 12, 16, "start", name));
            x -= 8;
        }
        return out.toString();
    }
}
