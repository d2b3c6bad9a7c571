package com.optaic.jobs.report;

import java.util.List;
import java.util.Locale;

/** Escaping and small pieces of HTML; every string put into a report goes through {@link #escape}. */
public final class Html {
    private Html() {}

    /** Text safe in element content and in quoted attribute values. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A number as a report shows it: 4 significant decimals, "-" when not finite. */
    public static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "-";
    }

    /** A percentage with two decimals, "-" when not finite. */
    public static String percent(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.2f%%", 100 * value) : "-";
    }

    /** A table of already formatted cells (escaped here). */
    public static String table(List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder("<table><thead><tr>");
        header.forEach(h -> out.append("<th>").append(escape(h)).append("</th>"));
        out.append("</tr></thead><tbody>");
        for (List<String> row : rows) {
            out.append("<tr>");
            row.forEach(cell -> out.append("<td>").append(escape(cell)).append("</td>"));
            out.append("</tr>");
        }
        return out.append("</tbody></table>").toString();
    }
}
