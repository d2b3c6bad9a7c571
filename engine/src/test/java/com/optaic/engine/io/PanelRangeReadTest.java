package com.optaic.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.OptaicException;
import com.optaic.engine.data.Panel;
import com.optaic.engine.spark.TestingSpark;
import com.optaic.engine.synthetic.SyntheticMarket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a date range of Parquet panel files equals reading them whole and keeping those dates. */
class PanelRangeReadTest {
    @TempDir
    Path dir;

    @Test
    void rangeOfAFileEqualsTheWholeFileSliced() {
        Path file = TestingSpark.syntheticParquet(200, 500, 11);
        Panel whole = new PanelReader().read(file);
        PanelReader.Layout layout = new PanelReader().layout(List.of(file));
        assertThat(layout.calendar()).isEqualTo(whole.epochDays());
        assertThat(layout.rows()).isEqualTo(whole.presentCount());
        assertThat(layout.assetsPerDate()).isEqualTo(200);

        int from = 180;
        int to = 290;
        PanelReader.RangeRead slice = new PanelReader()
                .readRange(
                        List.of(file),
                        day(whole, from),
                        day(whole, to - 1),
                        Optional.of(Set.of("close", "volume", "sector")));
        assertSameRows(slice.panel(), whole, from, to, Set.of("close", "volume"));
        // Pages hold 20,000 rows (100 dates of 200 assets): dates 180..289 touch two of the file's five.
        assertThat(slice.rowsDecoded()).isEqualTo(40_000);
        assertThat(slice.panel().numericFields().keySet()).containsExactlyInAnyOrder("close", "volume");
        Panel.GroupColumn sector = slice.panel().groupFields().get("sector");
        Panel.GroupColumn wholeSector = whole.groupFields().get("sector");
        for (int a = 0; a < 200; a++) {
            String expected = wholeSector.labels()[(int) wholeSector.codes()[a * 500 + from]];
            assertThat(sector.labels()[(int) sector.codes()[a * (to - from)]]).isEqualTo(expected);
        }
    }

    @Test
    void rangeOfADirectoryOfPartsSpanningTwoFiles() {
        Panel panel = SyntheticMarket.generate(30, 120, 5);
        Path parts = mkdir(dir.resolve("panel"));
        new PanelWriter().write(panel.rows(0, 70), parts.resolve("part-0.parquet"));
        new PanelWriter().write(panel.rows(70, 120), parts.resolve("part-1.parquet"));
        Panel whole = new PanelReader().read(parts);
        List<Path> files = PanelReader.parquetFiles(parts);
        assertThat(new PanelReader().layout(files).calendar()).isEqualTo(whole.epochDays());

        PanelReader.RangeRead slice = new PanelReader()
                .readRange(files, day(whole, 60), day(whole, 79), Optional.of(Set.of("close", "open", "returns")));
        assertSameRows(slice.panel(), whole, 60, 80, Set.of("close", "open", "returns"));
    }

    @Test
    void aDuplicateRowAcrossFilesIsAUserError() {
        Panel panel = SyntheticMarket.generate(5, 20, 5);
        Path parts = mkdir(dir.resolve("dup"));
        new PanelWriter().write(panel.rows(0, 12), parts.resolve("part-0.parquet"));
        new PanelWriter().write(panel.rows(11, 20), parts.resolve("part-1.parquet"));
        int day = panel.epochDays()[11];
        assertThatThrownBy(() -> new PanelReader()
                        .readRange(
                                PanelReader.parquetFiles(parts),
                                LocalDate.ofEpochDay(day - 5),
                                LocalDate.ofEpochDay(day + 5),
                                Optional.of(Set.of("close"))))
                .isInstanceOf(OptaicException.class)
                .hasMessageContaining("duplicate row for (" + LocalDate.ofEpochDay(day) + ", A0000)");
    }

    private static LocalDate day(Panel panel, int row) {
        return LocalDate.ofEpochDay(panel.epochDays()[row]);
    }

    private static void assertSameRows(Panel slice, Panel whole, int from, int to, Set<String> fields) {
        int rows = to - from;
        assertThat(slice.epochDays()).isEqualTo(java.util.Arrays.copyOfRange(whole.epochDays(), from, to));
        assertThat(slice.assets()).isEqualTo(whole.assets());
        for (int a = 0; a < whole.assetCount(); a++) {
            for (int t = from; t < to; t++) {
                int cell = a * whole.dateCount() + t;
                int sliceCell = a * rows + t - from;
                assertThat(slice.presence()[sliceCell]).isEqualTo(whole.presence()[cell]);
                for (String field : fields) {
                    assertThat(slice.requireNumeric(field)[sliceCell]).isEqualTo(whole.requireNumeric(field)[cell]);
                }
            }
        }
    }

    private static Path mkdir(Path path) {
        try {
            return Files.createDirectories(path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
