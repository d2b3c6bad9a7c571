package com.optaic.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.OptaicException;
import com.optaic.engine.data.Panel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PanelWriterTest {
    @TempDir
    Path dir;

    private final PanelWriter writer = new PanelWriter();
    private final Panel panel = PanelRoundTripTest.smallPanel();

    @ParameterizedTest
    @ValueSource(strings = {"csv", "parquet", "arrow"})
    void aRejectedWriteLeavesNoTargetAndNoTempFile(String extension) {
        LinkedHashMap<String, double[]> columns = new LinkedHashMap<>();
        columns.put("close", panel.requireNumeric("close"));
        columns.put("short", new double[panel.cellCount() - 1]);
        Path target = dir.resolve("out." + extension);

        assertThatThrownBy(() -> writer.write(panel, 0, panel.dateCount(), columns, target))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.isUserError()).isTrue())
                .hasMessageContaining("out." + extension)
                .hasMessageContaining("column 'short' has 11 cells, but the panel has 12");
        assertThat(dir).isEmptyDirectory();
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "parquet", "arrow"})
    void aWriteThatFailsAtTheEndLeavesTheOldTargetAndNoTempFile(String extension) throws IOException {
        // The target is a non-empty directory: everything is written, then the rename fails.
        Path target = Files.createDirectory(dir.resolve("out." + extension));
        Files.writeString(target.resolve("keep"), "old", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> writer.write(panel, target))
                .isInstanceOf(OptaicException.class)
                .hasMessageStartingWith("Cannot write '" + target + "'");

        assertThat(listing(dir)).containsExactly("out." + extension);
        assertThat(Files.readString(target.resolve("keep"), StandardCharsets.UTF_8))
                .isEqualTo("old");
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "parquet", "arrow"})
    void replacesAnExistingFileWhole(String extension) throws IOException {
        Path target = dir.resolve("out." + extension);
        Files.writeString(target, "old", StandardCharsets.UTF_8);

        writer.write(panel, target);

        assertThat(listing(dir)).containsExactly("out." + extension);
        PanelRoundTripTest.assertSamePanel(new PanelReader().read(target), panel);
    }

    @Test
    void unknownExtensionNamesTheSupportedOnes() {
        assertThatThrownBy(() -> writer.write(panel, dir.resolve("out.json")))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.isUserError()).isTrue())
                .hasMessage("Cannot write '" + dir.resolve("out.json")
                        + "': unknown format; expected a .csv, .parquet or .arrow file name");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void missingDirectory() {
        Path target = dir.resolve("no/such/dir/out.csv");
        assertThatThrownBy(() -> writer.write(panel, target))
                .isInstanceOf(OptaicException.class)
                .hasMessageStartingWith("Cannot write '" + target + "'");
    }

    @Test
    void badRowRangeAndReservedNames() {
        assertThatThrownBy(() -> writer.write(panel, 3, 5, new LinkedHashMap<>(), dir.resolve("out.csv")))
                .hasMessageContaining("row range [3, 5) is not within the panel's 4 dates");
        LinkedHashMap<String, double[]> reserved = new LinkedHashMap<>();
        reserved.put("date", panel.requireNumeric("close"));
        assertThatThrownBy(() -> writer.write(panel, 0, 4, reserved, dir.resolve("out.csv")))
                .hasMessageContaining("column name 'date' is empty, reserved or repeated");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void csvLayout() throws IOException {
        Path target = dir.resolve("out.csv");
        LinkedHashMap<String, double[]> columns = new LinkedHashMap<>();
        columns.put("close", panel.requireNumeric("close"));
        writer.write(panel, 0, 2, columns, target);

        assertThat(Files.readAllLines(target, StandardCharsets.UTF_8))
                .containsExactly(
                        "date,asset,close",
                        "1969-12-31,AAPL,1.5",
                        "1969-12-31,BRK.B,4.9E-324",
                        "1969-12-31,Zürich Re,1.2345678912345679E8",
                        "2020-01-03,AAPL,0.30000000000000004",
                        "2020-01-03,BRK.B,1.0E300");
    }

    private static List<String> listing(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
