package com.optaic.jobs.report;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * A grid of coloured cells with their values (monthly returns by year and month, Sharpe over two grid axes):
 * green above zero, red below, stronger further from it; a missing value (NaN) is a grey cell.
 */
public final class Heatmap {
    private Heatmap() {}

    public static String draw(
            String title, List<String> rows, List<String> columns, double[][] values, DoubleFunction<String> format) {
        double scale = 0;
        for (double[] row : values) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    scale = Math.max(scale, Math.abs(v));
                }
            }
        }
        int cellHeight = 20;
        int height = Svg.TOP + 20 + cellHeight * rows.size() + 8;
        double cellWidth = (double) (Svg.WIDTH - Svg.LEFT - Svg.RIGHT) / Math.max(1, columns.size());
        StringBuilder out = new StringBuilder(Svg.open("heatmap", title)
                .replace(
                        "viewBox=\"0 0 " + Svg.WIDTH + " " + Svg.HEIGHT + "\"",
                        "viewBox=\"0 0 " + Svg.WIDTH + " " + height + "\""));
        for (int c = 0; c < columns.size(); c++) {
            out.append(Svg.text(Svg.LEFT + (c + 0.5) * cellWidth, Svg.TOP + 12, "middle", columns.get(c)));
        }
        for (int r = 0; r < rows.size(); r++) {
            double y = Svg.TOP + 20 + r * cellHeight;
            out.append(Svg.text(Svg.LEFT - 6, y + 14, "end", rows.get(r)));
            for (int c = 0; c < columns.size(); c++) {
                double v = values[r][c];
                double x = Svg.LEFT + c * cellWidth;
                out.append("<rect class=\"cell\" x=\"")
                        .append(Svg.f(x))
                        .append("\" y=\"")
                        .append(Svg.f(y))
                        .append("\" width=\"")
                        .append(Svg.f(cellWidth - 1))
                        .append("\" height=\"")
                        .append(cellHeight - 1)
                        .append("\" fill=\"")
                        .append(colour(v, scale))
                        .append("\"/>");
                if (Double.isFinite(v)) {
                    out.append(Svg.text(x + cellWidth / 2, y + 14, "middle", format.apply(v)));
                }
            }
        }
        return out.append(Svg.close()).toString();
    }

    static String colour(double v, double scale) {
        if (!Double.isFinite(v)) {
            return "#e0e0e0";
        }
        double strength = scale > 0 ? Math.min(1, Math.abs(v) / scale) : 0;
        int fade = (int) Math.round(255 - 155 * strength);
        return v >= 0
                ? String.format(Locale.ROOT, "#%02xff%02x", fade, fade)
                : String.format(Locale.ROOT, "#ff%02x%02x", fade, fade);
    }
}
