package com.optaic.jobs.cli;

import com.optaic.engine.data.Panel;
import com.optaic.engine.eval.PanelEvaluation;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** Prints the first rows of an evaluation as an aligned table, date then asset order. */
final class Preview {
    private Preview() {}

    /** @return the number of rows the full output would have */
    static long print(PrintWriter out, PanelEvaluation evaluation, int limit) {
        Panel panel = evaluation.panel();
        Map<String, double[]> columns = evaluation.columns();
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-10s  %-10s", "date", "asset"));
        columns.keySet().forEach(name -> header.append(String.format(Locale.ROOT, "  %14s", name)));
        out.println(header);
        long rows = 0;
        int dates = panel.dateCount();
        for (int t = evaluation.rowFrom(); t < evaluation.rowTo(); t++) {
            for (int a = 0; a < panel.assetCount(); a++) {
                if (!panel.isPresent(a, t)) {
                    continue;
                }
                if (rows < limit) {
                    StringBuilder line = new StringBuilder(
                            String.format(Locale.ROOT, "%-10s  %-10s", panel.date(t), panel.assets()[a]));
                    for (double[] values : columns.values()) {
                        double v = values[a * dates + t];
                        line.append(String.format(
                                Locale.ROOT,
                                "  %14s",
                                Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.6g", v)));
                    }
                    out.println(line);
                }
                rows++;
            }
        }
        if (rows > limit) {
            out.printf(Locale.ROOT, "... %d more rows (write them all with --out FILE)%n", rows - limit);
        }
        return rows;
    }
}
