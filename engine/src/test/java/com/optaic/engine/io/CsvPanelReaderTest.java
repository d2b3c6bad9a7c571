package com.optaic.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.data.Panel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvPanelReaderTest {
    private static final Path STOCK_PRICES = Path.of("../../shared/data/stock_prices.csv");

    @TempDir
    Path dir;

    private final PanelReader reader = new PanelReader();

    @Test
    void readsLongCsvIntoSortedCalendarAndAssets() throws IOException {
        Path file = write("x.csv", """
                date,asset,close,sector,volume
                2020-01-03,MSFT,158.62,Tech,
                2020-01-02,MSFT,160.62,Tech,22622100
                2020-01-02,AAPL,75.0875,Tech,135480400
                20200106,JPM,137.35,Finance,1
                """);

        Panel panel = reader.read(file);

        assertThat(panel.assets()).containsExactly("AAPL", "JPM", "MSFT");
        assertThat(panel.dateCount()).isEqualTo(3);
        assertThat(panel.date(0)).isEqualTo(LocalDate.of(2020, 1, 2));
        assertThat(panel.date(2)).isEqualTo(LocalDate.of(2020, 1, 6));
        assertThat(panel.numericFields()).containsOnlyKeys("close", "volume");
        assertThat(panel.groupFields()).containsOnlyKeys("sector");
        double[] close = panel.requireNumeric("close");
        // asset-major: cell = asset * dates + t
        assertThat(close[0]).isEqualTo(75.0875);
        assertThat(close[2 * 3 + 1]).isEqualTo(158.62);
        assertThat(close[1 * 3 + 2]).isEqualTo(137.35);
        assertThat(panel.isPresent(0, 0)).isTrue();
        assertThat(panel.isPresent(0, 1)).isFalse();
        assertThat(close[1]).isNaN();
        assertThat(panel.requireNumeric("volume")[2 * 3 + 1]).as("empty cell").isNaN();
        assertThat(panel.isPresent(2, 1))
                .as("a row with an empty cell is present")
                .isTrue();
        Panel.GroupColumn sector = panel.groupFields().get("sector");
        assertThat(sector.labels()).containsExactly("Finance", "Tech");
        assertThat(sector.codes()[1 * 3 + 2]).isEqualTo(0);
        assertThat(sector.codes()[2 * 3]).isEqualTo(1);
        assertThat(panel.presentCount()).isEqualTo(4);
    }

    @Test
    void readsOnlyRequestedFields() throws IOException {
        Path file = write("x.csv", """
                date,asset,open,close,sector
                2020-01-02,AAPL,1,2,Tech
                """);

        Panel panel = reader.read(file, Optional.of(Set.of("close")));

        assertThat(panel.numericFields()).containsOnlyKeys("close");
        assertThat(panel.groupFields()).isEmpty();
        assertThatThrownBy(() -> reader.read(file, Optional.of(Set.of("clsoe"))))
                .isInstanceOf(OptaicException.class)
                .hasMessageContaining("'clsoe'")
                .hasMessageContaining("[open, close, sector]");
    }

    @Test
    void acceptsQuotedFieldsCrLfAndByteOrderMark() throws IOException {
        Path file = dir.resolve("x.csv");
        Files.write(
                file,
                ("\uFEFFdate,asset,close\r\n2020-01-02,\"BRK,B\",1.5\r\n\r\n2020-01-02,\"say \"\"hi\"\"\",2\r\n")
                        .getBytes(StandardCharsets.UTF_8));

        Panel panel = reader.read(file);

        assertThat(panel.assets()).containsExactly("BRK,B", "say \"hi\"");
        assertThat(panel.requireNumeric("close")).containsExactly(1.5, 2.0);
    }

    @Test
    void readsTheRealWideStockPrices() {
        Panel panel = reader.readWide(Map.of("close", STOCK_PRICES));

        assertThat(panel.assetCount()).isEqualTo(20);
        assertThat(panel.assets()).isSorted();
        assertThat(panel.dateCount()).isEqualTo(7126);
        assertThat(panel.date(0)).isEqualTo(LocalDate.of(1989, 12, 29));
        assertThat(panel.date(7125)).isEqualTo(LocalDate.of(2018, 4, 11));
        // counted with awk over the file's non-empty cells
        assertThat(panel.presentCount()).isEqualTo(106_931);

        assertThat(value(panel, "close", "AAPL", LocalDate.of(1989, 12, 29))).isEqualTo(0.117203);
        assertThat(cell(panel, "GOOG", LocalDate.of(1989, 12, 29))).satisfies(cell -> {
            assertThat(panel.presence()[cell]).isFalse();
            assertThat(panel.requireNumeric("close")[cell]).isNaN();
        });
        assertThat(panel.presence()[cell(panel, "GOOG", LocalDate.of(2004, 8, 18))])
                .isFalse();
        assertThat(value(panel, "close", "GOOG", LocalDate.of(2004, 8, 19))).isEqualTo(49.845802);
        assertThat(value(panel, "close", "BABA", LocalDate.of(2014, 9, 19))).isEqualTo(93.889999);
        assertThat(value(panel, "close", "GOOG", LocalDate.of(2018, 4, 11))).isEqualTo(1019.969971);
        assertThat(value(panel, "close", "SBUX", LocalDate.of(2018, 4, 11))).isEqualTo(59.419998);
    }

    @Test
    void mergesWideFieldsOnTheUnionOfDatesAndAssets() throws IOException {
        Path close = write("close.csv", """
                date,AAPL,MSFT
                2020-01-02,10,
                2020-01-03,11,21
                """);
        Path volume = write("volume.csv", """
                date,MSFT,IBM
                2020-01-02,100,
                2020-01-06,,300
                """);
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("close", close);
        files.put("volume", volume);

        Panel panel = reader.readWide(files);

        assertThat(panel.assets()).containsExactly("AAPL", "IBM", "MSFT");
        assertThat(Arrays.stream(panel.epochDays())
                        .mapToObj(LocalDate::ofEpochDay)
                        .toList())
                .containsExactly(LocalDate.of(2020, 1, 2), LocalDate.of(2020, 1, 3), LocalDate.of(2020, 1, 6));
        assertThat(panel.numericFields()).containsOnlyKeys("close", "volume");
        // MSFT on 2020-01-02: close empty, volume 100 -> present, close NaN
        int msft = 2 * 3;
        assertThat(panel.presence()[msft]).isTrue();
        assertThat(panel.requireNumeric("close")[msft]).isNaN();
        assertThat(panel.requireNumeric("volume")[msft]).isEqualTo(100);
        // IBM on 2020-01-02: empty in the only file that has IBM -> absent
        assertThat(panel.presence()[3]).isFalse();
        assertThat(panel.presence()[3 + 2]).isTrue();
        // AAPL on 2020-01-06: no file has a value
        assertThat(panel.presence()[2]).isFalse();
        assertThat(panel.presentCount()).isEqualTo(5);
    }

    @Test
    void missingFile() {
        assertThatThrownBy(() -> reader.read(dir.resolve("x.csv")))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.isUserError()).isTrue())
                .hasMessage("Cannot read '" + dir.resolve("x.csv") + "': no such file");
        assertThatThrownBy(() -> reader.readWide(Map.of("close", dir.resolve("x.csv"))))
                .hasMessageEndingWith("x.csv': no such file");
    }

    @Test
    void unknownExtension() throws IOException {
        Path file = write("x.txt", "date,asset\n");
        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(OptaicException.class)
                .hasMessageContaining("x.txt")
                .hasMessageContaining(".csv, .parquet or .arrow");
    }

    @Test
    void headerWithoutAsset() throws IOException {
        Path file = write("x.csv", "date,ticker,close\n2020-01-02,AAPL,1\n");
        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.isUserError()).isTrue())
                .hasMessageContaining("x.csv:1: ")
                .hasMessageContaining("no 'asset' column")
                .hasMessageContaining("[date, ticker, close]");
        Path noDate = write("y.csv", "day,asset,close\n");
        assertThatThrownBy(() -> reader.read(noDate)).hasMessageContaining("y.csv:1: the header has no 'date' column");
    }

    @Test
    void duplicateRowNamesBothLines() throws IOException {
        StringBuilder text = new StringBuilder("date,asset,close\n");
        for (int line = 2; line <= 18; line++) {
            String date = line == 12 || line == 17 ? "2020-01-03" : "2020-01-" + String.format("%02d", line + 2);
            String asset = line == 12 || line == 17 ? "AAPL" : "MSFT";
            text.append(date).append(',').append(asset).append(",1\n");
        }
        Path file = write("x.csv", text.toString());

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.code()).isEqualTo(EngineErrorCode.DUPLICATE_ROW))
                .hasMessageEndingWith("x.csv:17: duplicate row for (2020-01-03, AAPL), first seen at line 12");
    }

    @Test
    void nonNumericValue() throws IOException {
        StringBuilder text = new StringBuilder("date,asset,close\n");
        for (int line = 2; line <= 16; line++) {
            text.append("2020-01-02,A").append(line).append(",1.5\n");
        }
        text.append("2020-01-02,X,abc\n");
        Path file = write("x.csv", text.toString());

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.isUserError()).isTrue())
                .hasMessageEndingWith("x.csv:17: field 'close' (column 3): 'abc' is not a number");
    }

    @Test
    void javaOnlyNumberSyntaxIsNotANumber() throws IOException {
        Path file = write("x.csv", "date,asset,close\n2020-01-02,A,1d\n");
        assertThatThrownBy(() -> reader.read(file)).hasMessageContaining("'1d' is not a number");
    }

    @Test
    void aNumberOutsideTheRangeOfADoubleIsRefusedLikeInf() throws IOException {
        Path over = write("over.csv", "date,asset,close\n2020-01-02,A,1\n2020-01-03,A,1e400\n");
        assertThatThrownBy(() -> reader.read(over))
                .isInstanceOf(OptaicException.class)
                .hasMessageEndingWith("over.csv:3: field 'close' (column 3): '1e400' is outside the range of a double"
                        + " (it would read as infinity or zero)");
        Path under = write("under.csv", "date,asset,close\n2020-01-02,A,-1e-400\n");
        assertThatThrownBy(() -> reader.read(under)).hasMessageContaining("'-1e-400' is outside the range of a double");
        Path wide = write("wide.csv", "date,A,B\n2020-01-02,1,-1E+999\n");
        assertThatThrownBy(() -> reader.readWide(Map.of("close", wide)))
                .hasMessageContaining("wide.csv:2: asset 'B' (column 3): '-1E+999' is outside the range");
        // Zero written any way, and the smallest subnormal, are numbers.
        Path fine = write(
                "fine.csv",
                "date,asset,close\n2020-01-02,A,0e-400\n2020-01-02,B,4.9e-324\n"
                        + "2020-01-02,C,-0.000\n2020-01-02,D,1.7976931348623157e308\n");
        double[] close = reader.read(fine).requireNumeric("close");
        assertThat(close).hasSize(4);
        assertThat(close[0] == 0 && close[2] == 0).isTrue();
        assertThat(close[1]).isEqualTo(Double.MIN_VALUE);
        assertThat(close[3]).isEqualTo(Double.MAX_VALUE);
    }

    @Test
    void badDate() throws IOException {
        StringBuilder text = new StringBuilder("date,asset,close\n");
        for (int line = 2; line <= 8; line++) {
            text.append("2020-01-02,A").append(line).append(",1\n");
        }
        text.append("2020-13-01,A,1\n");
        Path file = write("x.csv", text.toString());

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.isUserError()).isTrue())
                .hasMessageEndingWith("x.csv:9: '2020-13-01' is not a date (expected yyyy-MM-dd)");
        Path wide = write("w.csv", "date,A\n2020-02-30,1\n");
        assertThatThrownBy(() -> reader.readWide(Map.of("close", wide)))
                .hasMessageEndingWith("w.csv:2: '2020-02-30' is not a date (expected yyyy-MM-dd)");
    }

    @Test
    void wrongColumnCount() throws IOException {
        Path file = write("x.csv", "date,asset,close\n2020-01-02,A,1\n2020-01-02,B\n");
        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.isUserError()).isTrue())
                .hasMessageEndingWith("x.csv:3: expected 3 columns, found 2");
    }

    @Test
    void wideErrors() throws IOException {
        Path duplicateDate = write("d.csv", "date,A\n2020-01-02,1\n2020-01-03,1\n2020-01-02,2\n");
        assertThatThrownBy(() -> reader.readWide(Map.of("close", duplicateDate)))
                .hasMessageEndingWith("d.csv:4: duplicate row for date 2020-01-02, first seen at line 2");
        Path badNumber = write("n.csv", "date,A,B\n2020-01-02,1,x1\n");
        assertThatThrownBy(() -> reader.readWide(Map.of("close", badNumber)))
                .hasMessageEndingWith("n.csv:2: asset 'B' (column 3): 'x1' is not a number");
        Path duplicateAsset = write("a.csv", "date,A,A\n");
        assertThatThrownBy(() -> reader.readWide(Map.of("close", duplicateAsset)))
                .hasMessageContaining("a.csv:1: column 'A' appears twice");
    }

    @Test
    void readsALongFileOfMillionsOfRowsQuickly() throws IOException {
        // 1M rows x 5 fields: a smoke test that nothing per line is quadratic or regex-based.
        Path file = dir.resolve("big.csv");
        StringBuilder text = new StringBuilder(64 << 20);
        text.append("date,asset,open,high,low,close,volume\n");
        String[] dates = new String[500];
        LocalDate date = LocalDate.of(2010, 1, 4);
        for (int t = 0; t < dates.length; t++) {
            dates[t] = date.plusDays(t).toString();
        }
        for (String day : dates) {
            for (int a = 0; a < 2000; a++) {
                text.append(day).append(",A").append(a).append(",1.25,1.5,0.75,1.0625,123456\n");
            }
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);

        Panel panel = reader.read(file);

        assertThat(panel.cellCount()).isEqualTo(1_000_000);
        assertThat(panel.presentCount()).isEqualTo(1_000_000);
        assertThat(panel.requireNumeric("close")[12345]).isEqualTo(1.0625);
    }

    private static double value(Panel panel, String field, String asset, LocalDate date) {
        int cell = cell(panel, asset, date);
        assertThat(panel.presence()[cell])
                .as("%s on %s is present", asset, date)
                .isTrue();
        return panel.requireNumeric(field)[cell];
    }

    private static int cell(Panel panel, String asset, LocalDate date) {
        int a = List.of(panel.assets()).indexOf(asset);
        int t = Arrays.binarySearch(panel.epochDays(), (int) date.toEpochDay());
        assertThat(a).as("asset %s", asset).isNotNegative();
        assertThat(t).as("date %s", date).isNotNegative();
        return a * panel.dateCount() + t;
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
