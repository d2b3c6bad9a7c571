package com.optaic.jobs.report;

import java.util.List;
import java.util.function.DoubleFunction;

/** Vertical bars, one per label, from zero up or down (a cost breakdown, quantile returns). */
public final class BarChart {
    private BarChart() {}

    public static String draw(String title, List<String> labels, double[] values, DoubleFunction<String> format) {
        double lo = 0;
        double hi = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo == hi) {
            hi = lo + 1;
        }
        StringBuilder out = new StringBuilder(Svg.open("bar", title));
        out.append(Svg.yAxis(lo, hi, format));
        double slot = (double) (Svg.WIDTH - Svg.LEFT - Svg.RIGHT) / Math.max(1, values.length);
        double zero = Svg.scale(0, lo, hi, Svg.HEIGHT - Svg.BOTTOM, Svg.TOP);
        for (int i = 0; i < values.length; i++) {
            double v = Double.isFinite(values[i]) ? values[i] : 0;
            double y = Svg.scale(v, lo, hi, Svg.HEIGHT - Svg.BOTTOM, Svg.TOP);
            double x = Svg.LEFT + i * slot + slot * 0.15;
            out.append("<rect class=\"series\" x=\"")
                    .append(Svg.f(x))
                    .append("\" y=\"")
                    .append(Svg.f(Math.min(y, zero)))
                    .append("\" width=\"")
                    .append(Svg.f(slot * 0.7))
                    .append("\" height=\"")
                    .append(Svg.f(Math.max(1, Math.abs(zero - y))))
                    .append("\" fill=\"")
                    .append(v < 0 ? "#d62728" : "#1f77b4")
                    .append("\"><title>")
                    .append(Html.escape(labels.get(i) + ": " + format.apply(values[i])))
                    .append("</title></rect>");
            out.append(Svg.text(x + slot * 0.35, Svg.HEIGHT - Svg.BOTTOM + 16, "middle", labels.get(i)));
        }
        out.append("<line class=\"axis\" x1=\"")
                .append(Svg.LEFT)
                .append("\" y1=\"")
                .append(Svg.f(zero))
                .append("\" x2=\"")
                .append(Svg.WIDTH - Svg.RIGHT)
                .append("\" y2=\"")
                .append(Svg.f(zero))
                .append("\"/>");
        return out.append(Svg.close()).toString();
    }
}
