package com.optaic.engine.dataset;

import static com.optaic.engine.dataset.TestingDatasets.day;
import static com.optaic.engine.dataset.TestingDatasets.epochDay;
import static com.optaic.engine.dataset.TestingDatasets.epochDays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.data.Panel;
import com.optaic.engine.data.Panel.GroupColumn;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fundamentals of two assets, served on a daily calendar. The expected values are worked out by hand from the
 * rows below, not by the code under test.
 *
 * <pre>
 * asset  date        eps   auditor  available_at
 * AAA    2020-03-31  1.00  KPMG     2020-05-15   Q1, published six weeks late
 * AAA    2020-06-10  0.90  PwC      2020-06-10   Q1 restated (a revision, recorded on its own date)
 * AAA    2020-06-30  1.20  PwC      2020-08-14   Q2
 * BBB    2020-03-31  2.00  EY       2020-04-20
 * BBB    2020-04-30  2.50  EY       2020-07-01   arrives after the later-dated 05-31 row was known
 * BBB    2020-05-31  3.00  EY       2020-06-05
 * </pre>
 */
class PointInTimeReaderTest {
    private static final double N = Double.NaN;
    private static final int[] CALENDAR = epochDays(
            "2020-04-01",
            "2020-04-20",
            "2020-05-14",
            "2020-05-15",
            "2020-06-05",
            "2020-06-09",
            "2020-06-10",
            "2020-07-01",
            "2020-08-13",
            "2020-08-14");

    @TempDir
    Path root;

    /** Rows on dates 03-31, 04-30, 05-31, 06-10, 06-30 (absent where an asset has none). */
    private static Panel fundamentals() {
        int[] days = epochDays("2020-03-31", "2020-04-30", "2020-05-31", "2020-06-10", "2020-06-30");
        boolean[] present = {
            true, false, false, true, true,
            true, true, true, false, false
        };
        Map<String, double[]> numeric = new LinkedHashMap<>();
        numeric.put("eps", new double[] {1.00, N, N, 0.90, 1.20, 2.00, 2.50, 3.00, N, N});
        numeric.put(PointInTimeReader.AVAILABLE_AT, new double[] {
            epochDay("2020-05-15"),
            N,
            N,
            epochDay("2020-06-10"),
            epochDay("2020-08-14"),
            epochDay("2020-04-20"),
            epochDay("2020-07-01"),
            epochDay("2020-06-05"),
            N,
            N
        });
        Map<String, GroupColumn> groups = new LinkedHashMap<>();
        groups.put(
                "auditor",
                new GroupColumn(new String[] {"KPMG", "PwC", "EY"}, new double[] {0, N, N, 1, 1, 2, 2, 2, N, N}));
        return new Panel(days, new String[] {"AAA", "BBB"}, present, numeric, groups);
    }

    @Test
    void servesEachDayTheLatestRowAlreadyPublished() {
        FileVersionCatalog catalog = new FileVersionCatalog(root);
        // Version 1 knows the rows up to 05-31; version 2 appends the restatement and Q2.
        Panel all = fundamentals();
        new DatasetWriter(root, catalog).rebuild("fundamentals", Panels.sliceRows(all, 0, 3, false), day("2020-06-01"));
        new DatasetWriter(root, catalog).append("fundamentals", Panels.sliceRows(all, 3, 5, false), day("2020-06-30"));
        PointInTimeReader pit = new PointInTimeReader(new DatasetReader(root, catalog));

        Panel served = pit.read("fundamentals", null, CALENDAR, List.of("eps", "auditor"), null);

        assertThat(served.epochDays()).containsExactly(CALENDAR);
        assertThat(served.assets()).containsExactly("AAA", "BBB");
        // AAA: nothing until Q1 is published on 05-15 (an as-of join on date would leak it from 04-01); the
        // restatement replaces it on 06-10; Q2 appears on 08-14, not on 08-13.
        assertThat(row(served, "eps", 0)).containsExactly(N, N, N, 1.00, 1.00, 1.00, 0.90, 0.90, 0.90, 1.20);
        assertThat(labels(served, "auditor", 0))
                .containsExactly(null, null, null, "KPMG", "KPMG", "KPMG", "PwC", "PwC", "PwC", "PwC");
        assertThat(row(served, PointInTimeReader.ROW_DATE, 0))
                .containsExactly(
                        N,
                        N,
                        N,
                        d("2020-03-31"),
                        d("2020-03-31"),
                        d("2020-03-31"),
                        d("2020-06-10"),
                        d("2020-06-10"),
                        d("2020-06-10"),
                        d("2020-06-30"));
        assertThat(row(served, PointInTimeReader.AVAILABLE_AT, 0))
                .containsExactly(
                        N,
                        N,
                        N,
                        d("2020-05-15"),
                        d("2020-05-15"),
                        d("2020-05-15"),
                        d("2020-06-10"),
                        d("2020-06-10"),
                        d("2020-06-10"),
                        d("2020-08-14"));
        // BBB: 03-31 from 04-20; 05-31 from 06-05; the 04-30 row arriving on 07-01 does not displace 05-31.
        assertThat(row(served, "eps", 1)).containsExactly(N, 2.00, 2.00, 2.00, 3.00, 3.00, 3.00, 3.00, 3.00, 3.00);
        assertThat(served.presence())
                .containsExactly(
                        false, false, false, true, true, true, true, true, true, true, false, true, true, true, true,
                        true, true, true, true, true);

        // Version 1 did not have the restatement yet.
        Panel before = pit.read("fundamentals", 1L, CALENDAR, null, List.of("AAA"));
        assertThat(row(before, "eps", 0)).containsExactly(N, N, N, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00);
    }

    @Test
    void everyRowNeedsAnAvailabilityDay() {
        Panel rows = fundamentals();
        rows.numericFields().get(PointInTimeReader.AVAILABLE_AT)[6] = N;

        assertThatThrownBy(() -> PointInTimeReader.pointInTime(rows, CALENDAR))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.code()).isEqualTo(EngineErrorCode.BAD_AVAILABLE_AT))
                .hasMessageContaining("row (2020-04-30, BBB) has available_at NaN");
        FileVersionCatalog catalog = new FileVersionCatalog(root);
        Map<String, double[]> numeric = new LinkedHashMap<>(fundamentals().numericFields());
        numeric.remove(PointInTimeReader.AVAILABLE_AT);
        Panel plain = new Panel(rows.epochDays(), rows.assets(), rows.presence(), numeric, Map.of());
        new DatasetWriter(root, catalog).rebuild("plain", plain, day("2020-12-31"));
        assertThatThrownBy(() -> new PointInTimeReader(new DatasetReader(root, catalog))
                        .read("plain", null, CALENDAR, null, null))
                .hasMessageContaining("it has no field 'available_at'");
    }

    private static double d(String date) {
        return epochDay(date);
    }

    private static double[] row(Panel panel, String field, int asset) {
        double[] values = panel.numericFields().get(field);
        double[] row = new double[panel.dateCount()];
        System.arraycopy(values, asset * panel.dateCount(), row, 0, row.length);
        return row;
    }

    private static String[] labels(Panel panel, String field, int asset) {
        GroupColumn column = panel.groupFields().get(field);
        String[] row = new String[panel.dateCount()];
        for (int t = 0; t < row.length; t++) {
            row[t] = TestingDatasets.label(column, asset * panel.dateCount() + t);
        }
        return row;
    }
}
