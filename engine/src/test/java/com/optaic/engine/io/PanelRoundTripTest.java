package com.optaic.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.data.Panel;
import com.optaic.engine.data.Panel.GroupColumn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PanelRoundTripTest {
    @TempDir
    Path dir;

    private final PanelReader reader = new PanelReader();
    private final PanelWriter writer = new PanelWriter();

    /**
     * 3 assets x 4 dates (a weekend gap, dates before 1970 and after 2038), with NaNs, an absent cell, values
     * that stress the number format (negative zero, subnormal, huge, infinities) and a label column with a
     * missing label.
     */
    static Panel smallPanel() {
        int[] days = {
            (int) LocalDate.of(1969, 12, 31).toEpochDay(),
            (int) LocalDate.of(2020, 1, 3).toEpochDay(),
            (int) LocalDate.of(2020, 1, 6).toEpochDay(),
            (int) LocalDate.of(2040, 2, 29).toEpochDay()
        };
        String[] assets = {"AAPL", "BRK.B", "Zürich Re"};
        boolean[] present = {
            true, true, false, true,
            true, true, true, true,
            true, false, true, true
        };
        double nan = Double.NaN;
        Map<String, double[]> numeric = new LinkedHashMap<>();
        numeric.put("close", new double[] {
            1.5,
            0.1 + 0.2,
            nan,
            -0.0,
            Double.MIN_VALUE,
            1e300,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            123456789.123456789,
            nan,
            1.0 / 3,
            -7
        });
        numeric.put("volume", new double[] {nan, nan, nan, nan, 1, 2, 3, 4, 5, nan, 6, 7});
        Map<String, GroupColumn> groups = new LinkedHashMap<>();
        groups.put("sector", new GroupColumn(new String[] {"Tech", "Finance, Ins."}, new double[] {
            0, 0, nan, 0,
            1, 1, nan, 1,
            1, nan, 1, 1
        }));
        return new Panel(days, assets, present, numeric, groups);
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "parquet", "arrow"})
    void roundTripIsBitIdentical(String extension) {
        Panel panel = smallPanel();
        Path file = dir.resolve("panel." + extension);

        writer.write(panel, file);
        Panel back = reader.read(file);

        assertSamePanel(back, panel);
        assertThat(dir.toFile().list()).as("no temp file left").containsExactly("panel." + extension);
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "parquet", "arrow"})
    void writesOnlyTheRowRangeAndPresentCells(String extension) {
        Panel panel = smallPanel();
        LinkedHashMap<String, double[]> columns = new LinkedHashMap<>();
        columns.put("volume", panel.requireNumeric("volume"));
        columns.put("close", panel.requireNumeric("close"));
        Path file = dir.resolve("range." + extension);

        writer.write(panel, 1, 3, columns, file);
        Panel back = reader.read(file);

        assertThat(back.epochDays()).containsExactly(panel.epochDays()[1], panel.epochDays()[2]);
        assertThat(back.assets()).containsExactly(panel.assets());
        assertThat(back.numericFields().keySet()).containsExactly("volume", "close");
        assertThat(back.presentCount()).isEqualTo(4);
        for (int a = 0; a < 3; a++) {
            for (int t = 1; t < 3; t++) {
                int cell = a * 4 + t;
                int backCell = a * 2 + (t - 1);
                assertThat(back.presence()[backCell]).isEqualTo(panel.presence()[cell]);
                assertThat(bits(back.requireNumeric("close")[backCell]))
                        .isEqualTo(bits(panel.requireNumeric("close")[cell]));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"parquet", "arrow"})
    void readsOnlyRequestedColumns(String extension) {
        Path file = dir.resolve("panel." + extension);
        writer.write(smallPanel(), file);

        Panel back = reader.read(file, Optional.of(Set.of("volume")));

        assertThat(back.numericFields()).containsOnlyKeys("volume");
        assertThat(back.groupFields()).isEmpty();
        assertThat(back.presentCount()).isEqualTo(10);
        assertThatThrownBy(() -> reader.read(file, Optional.of(Set.of("open"))))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.isUserError()).isTrue())
                .hasMessageContaining("'open'")
                .hasMessageContaining("[close, volume, sector]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "parquet", "arrow"})
    void emptyRangeWritesAHeaderOnly(String extension) {
        Panel panel = smallPanel();
        Path file = dir.resolve("empty." + extension);
        writer.write(panel, 2, 2, new LinkedHashMap<>(panel.numericFields()), file);

        Panel back = reader.read(file);

        assertThat(back.dateCount()).isZero();
        assertThat(back.assetCount()).isZero();
        assertThat(back.numericFields()).containsOnlyKeys("close", "volume");
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "parquet", "arrow"})
    void largeRaggedPanelSurvivesManyPagesAndRowGroups(String extension) throws IOException {
        Panel panel = randomPanel(60, 700, 7);
        Path file = dir.resolve("large." + extension);
        if (extension.equals("parquet")) {
            // about 2,600 rows per row group and 20,000 per page: many groups, pages split across groups
            List<OutputColumn> columns = new ArrayList<>();
            panel.numericFields().forEach((name, values) -> columns.add(new OutputColumn(name, values, null)));
            panel.groupFields()
                    .forEach((name, group) -> columns.add(new OutputColumn(name, group.codes(), group.labels())));
            ParquetPanelWriter.write(panel, 0, panel.dateCount(), columns, file, 64 * 1024);
        } else {
            writer.write(panel, file);
        }

        assertSamePanel(reader.read(file), panel);
    }

    @Test
    void csvNumbersAreShortAndExact() throws IOException {
        SplittableRandom random = new SplittableRandom(17);
        int dates = 5000;
        double[] values = new double[dates];
        for (int t = 0; t < dates; t++) {
            double decimal = random.nextLong(-1_000_000_000L, 1_000_000_000L) / Math.pow(10, random.nextInt(10));
            values[t] = switch (t % 4) {
                case 0 -> decimal;
                case 1 -> random.nextDouble() * Math.pow(10, random.nextInt(-12, 16));
                case 2 -> Math.rint(decimal);
                default -> -random.nextInt(100) / 8.0;
            };
        }
        values[0] = 12.3457;
        values[1] = -0.005;
        values[2] = 100;
        values[3] = 1e-10;
        int[] days = new int[dates];
        Arrays.setAll(days, t -> t);
        Panel panel = new Panel(days, new String[] {"A"}, null, Map.of("x", values), Map.of());
        Path file = dir.resolve("numbers.csv");

        writer.write(panel, file);

        assertSamePanel(reader.read(file), panel);
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8).subList(1, 5))
                .containsExactly(
                        "1970-01-01,A,12.3457", "1970-01-02,A,-0.005", "1970-01-03,A,100.0", "1970-01-04,A,1.0E-10");
    }

    @Test
    void readsADirectoryOfParquetFilesAndReportsDuplicatesAcrossThem() throws IOException {
        Panel panel = smallPanel();
        Path data = Files.createDirectory(dir.resolve("dataset"));
        LinkedHashMap<String, double[]> columns = new LinkedHashMap<>(panel.numericFields());
        writer.write(panel, 0, 2, columns, data.resolve("part-0.parquet"));
        writer.write(panel, 2, 4, columns, data.resolve("part-1.parquet"));
        Files.writeString(data.resolve("_SUCCESS"), "");

        Panel back = reader.read(data);
        assertThat(back.epochDays()).containsExactly(panel.epochDays());
        assertThat(back.presence()).containsExactly(panel.presence());
        assertThat(back.requireNumeric("volume")).containsExactly(panel.requireNumeric("volume"));

        writer.write(panel, 1, 2, columns, data.resolve("part-2.parquet"));
        assertThatThrownBy(() -> reader.read(data))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.code()).isEqualTo(EngineErrorCode.DUPLICATE_ROW))
                .hasMessageContaining("part-2.parquet: row 1: duplicate row for (2020-01-03, AAPL), first seen at ")
                .hasMessageEndingWith("part-0.parquet row 4");
    }

    static void assertSamePanel(Panel actual, Panel expected) {
        assertThat(actual.epochDays()).containsExactly(expected.epochDays());
        assertThat(actual.assets()).containsExactly(expected.assets());
        assertThat(actual.presence()).containsExactly(expected.presence());
        assertThat(actual.numericFields().keySet())
                .containsExactlyElementsOf(expected.numericFields().keySet());
        expected.numericFields().forEach((name, values) -> {
            double[] back = actual.requireNumeric(name);
            for (int cell = 0; cell < values.length; cell++) {
                double want = expected.presence()[cell] ? values[cell] : Double.NaN;
                assertThat(bits(back[cell]))
                        .as("%s cell %d: %s vs %s", name, cell, back[cell], want)
                        .isEqualTo(bits(want));
            }
        });
        assertThat(actual.groupFields().keySet())
                .containsExactlyElementsOf(expected.groupFields().keySet());
        expected.groupFields().forEach((name, group) -> {
            GroupColumn back = actual.groupFields().get(name);
            for (int cell = 0; cell < group.codes().length; cell++) {
                assertThat(label(back, cell))
                        .as("%s cell %d", name, cell)
                        .isEqualTo(expected.presence()[cell] ? label(group, cell) : null);
            }
        });
    }

    private static String label(GroupColumn group, int cell) {
        double code = group.codes()[cell];
        return Double.isNaN(code) ? null : group.labels()[(int) code];
    }

    private static long bits(double value) {
        return Double.doubleToRawLongBits(value);
    }

    /** A ragged panel: late listings, early delistings, scattered NaNs, a label column. */
    static Panel randomPanel(int assetCount, int dateCount, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] days = new int[dateCount];
        for (int t = 0; t < dateCount; t++) {
            days[t] = 14_000 + t;
        }
        String[] assets = new String[assetCount];
        for (int a = 0; a < assetCount; a++) {
            assets[a] = String.format("S%03d", a);
        }
        int cells = assetCount * dateCount;
        boolean[] present = new boolean[cells];
        double[] price = new double[cells];
        double[] flag = new double[cells];
        double[] codes = new double[cells];
        Arrays.fill(price, Double.NaN);
        Arrays.fill(flag, Double.NaN);
        Arrays.fill(codes, Double.NaN);
        for (int a = 0; a < assetCount; a++) {
            int first = a == 0 ? 0 : random.nextInt(dateCount / 3);
            int last = a == 1 ? dateCount : dateCount - random.nextInt(dateCount / 3);
            for (int t = first; t < last; t++) {
                int cell = a * dateCount + t;
                present[cell] = true;
                price[cell] = random.nextInt(10) == 0 ? Double.NaN : 100 * random.nextDouble();
                flag[cell] = random.nextInt(2);
                codes[cell] = random.nextInt(20) == 0 ? Double.NaN : a % 5;
            }
        }
        Map<String, double[]> numeric = new LinkedHashMap<>();
        numeric.put("price", price);
        numeric.put("flag", flag);
        return new Panel(
                days,
                assets,
                present,
                numeric,
                Map.of("sector", new GroupColumn(new String[] {"E", "D", "C", "B", "A"}, codes)));
    }
}
