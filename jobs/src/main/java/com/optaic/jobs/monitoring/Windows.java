package com.optaic.jobs.monitoring;

import com.optaic.engine.data.Panel;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;

/** The reference and current windows of a MonitoringRun, as calendar rows of the watched version. */
record Windows(Window reference, Window current) {
    /** Calendar rows [from, to) of a panel. */
    record Window(String name, int from, int to, LocalDate first, LocalDate last) {
        String label() {
            return first + ".." + last;
        }

        LocalDate lastDate(Panel panel) {
            return last;
        }

        /** The values of the window's present cells (NaN values kept: they count as missing). */
        double[] values(Panel panel, double[] column) {
            int dates = panel.dateCount();
            double[] out = new double[(to - from) * panel.assetCount()];
            int n = 0;
            for (int a = 0; a < panel.assetCount(); a++) {
                for (int t = from; t < to; t++) {
                    if (panel.isPresent(a, t)) {
                        out[n++] = column[a * dates + t];
                    }
                }
            }
            return Arrays.copyOf(out, n);
        }
    }

    static Windows of(MonitoringConfig config, Panel panel, UUID dataset) {
        int dates = panel.dateCount();
        if (dates == 0) {
            throw MonitoringConfig.bad("dataset", "dataset " + dataset + " has no dates");
        }
        MonitoringConfig.Window currentSpec = config.current();
        int[] current = currentSpec.days().isPresent()
                ? new int[] {Math.max(0, dates - currentSpec.days().get()), dates}
                : panel.rowRange(currentSpec.from().get(), currentSpec.to().get());
        Window currentWindow = window("current", current, panel, dataset);
        MonitoringConfig.Window referenceSpec = config.reference();
        int[] reference = referenceSpec.days().isPresent()
                ? new int[] {Math.max(0, current[0] - referenceSpec.days().get()), current[0]}
                : panel.rowRange(referenceSpec.from().get(), referenceSpec.to().get());
        return new Windows(window("reference", reference, panel, dataset), currentWindow);
    }

    private static Window window(String name, int[] rows, Panel panel, UUID dataset) {
        if (rows[1] <= rows[0]) {
            throw MonitoringConfig.bad(
                    name,
                    "holds no date of dataset " + dataset + ", whose dates run " + panel.date(0) + ".."
                            + panel.date(panel.dateCount() - 1));
        }
        return new Window(name, rows[0], rows[1], panel.date(rows[0]), panel.date(rows[1] - 1));
    }
}
