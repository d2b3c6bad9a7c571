package com.optaic.jobs.report;

import java.util.Locale;
import java.util.function.DoubleFunction;

/** The frame every chart draws in: a fixed view box, margins for the axes, and value-to-pixel scales. */
final class Svg {
    static final int WIDTH = 720;
    static final int HEIGHT = 240;
    static final int LEFT = 64;
    static final int RIGHT = 16;
    static final int TOP = 24;
    static final int BOTTOM = 28;

    private Svg() {}

    static String open(String kind, String title) {
        return "<svg class=\"chart " + kind + "\" viewBox=\"0 0 " + WIDTH + " "
                + HEIGHT + "\" role=\"img\"><title>" + Html.escape(title) + "</title>"
                + "<text class=\"title\" x=\"" + LEFT + "\" y=\"16\">" + Html.escape(title) + "</text>";
    }

    static String close() {
        return "</svg>";
    }

    static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Maps a value in [lo, hi] onto pixels [from, to]; a flat range maps to the middle. */
    static double scale(double value, double lo, double hi, double from, double to) {
        return hi > lo ? from + (value - lo) / (hi - lo) * (to - from) : (from + to) / 2;
    }

    static String text(double x, double y, String anchor, String label) {
        return "<text x=\"" + f(x) + "\" y=\"" + f(y) + "\" text-anchor=\"" + anchor + "\">" + Html.escape(label)
                + "</text>";
    }

    /** The y axis: its line, and the low, middle and high values as labels. */
    static String yAxis(double lo, double hi, DoubleFunction<String> format) {
        StringBuilder out = new StringBuilder();
        out.append("<line class=\"axis\" x1=\"")
                .append(LEFT)
                .append("\" y1=\"")
                .append(TOP)
                .append("\" x2=\"")
                .append(LEFT)
                .append("\" y2=\"")
                .append(HEIGHT - BOTTOM)
                .append("\"/>");
        for (double v : new double[] {lo, (lo + hi) / 2, hi}) {
            double y = scale(v, lo, hi, HEIGHT - BOTTOM, TOP);
            out.append(text(LEFT - 6, y + 4, "end", format.apply(v)));
        }
        return out.toString();
    }
}
