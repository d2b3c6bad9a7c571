package com.optaic.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.OptaicException;
import com.optaic.engine.data.Panel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Our Parquet files read by parquet-mr's record reader, and files written by parquet-mr read by ours. */
class ParquetCompatibilityTest {
    @TempDir
    Path dir;

    private final PanelReader reader = new PanelReader();

    @Test
    void parquetMrReadsOurFile() throws IOException {
        Panel panel = PanelRoundTripTest.smallPanel();
        Path file = dir.resolve("panel.parquet");
        new PanelWriter().write(panel, file);

        List<Group> rows = new ArrayList<>();
        try (ParquetReader<Group> records = ParquetReader.builder(
                        new GroupReadSupport(), new org.apache.hadoop.fs.Path(file.toUri()))
                .build()) {
            for (Group row = records.read(); row != null; row = records.read()) {
                rows.add(row);
            }
        }

        assertThat(rows).hasSize(10);
        List<String> keys = rows.stream()
                .map(row -> LocalDate.ofEpochDay(row.getInteger("date", 0)) + " " + row.getString("asset", 0))
                .toList();
        assertThat(keys)
                .containsExactly(
                        "1969-12-31 AAPL",
                        "1969-12-31 BRK.B",
                        "1969-12-31 Zürich Re",
                        "2020-01-03 AAPL",
                        "2020-01-03 BRK.B",
                        "2020-01-06 BRK.B",
                        "2020-01-06 Zürich Re",
                        "2040-02-29 AAPL",
                        "2040-02-29 BRK.B",
                        "2040-02-29 Zürich Re");
        assertThat(rows.get(0).getDouble("close", 0)).isEqualTo(1.5);
        assertThat(rows.get(0).getFieldRepetitionCount("volume"))
                .as("NaN is written as null")
                .isZero();
        assertThat(rows.get(7).getDouble("close", 0)).isEqualTo(-0.0);
        assertThat(Double.doubleToRawLongBits(rows.get(7).getDouble("close", 0)))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(rows.get(5).getDouble("close", 0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(rows.get(9).getDouble("volume", 0)).isEqualTo(7);
        assertThat(rows.get(1).getString("sector", 0)).isEqualTo("Finance, Ins.");
        assertThat(rows.get(5).getFieldRepetitionCount("sector")).isZero();

        try (ParquetFileReader footer = ParquetFileReader.open(new LocalInputFile(file))) {
            MessageType schema = footer.getFileMetaData().getSchema();
            assertThat(schema.getType("date").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.dateType());
            assertThat(schema.getType("asset").getLogicalTypeAnnotation())
                    .isEqualTo(LogicalTypeAnnotation.stringType());
            assertThat(schema.getType("close").asPrimitiveType().getPrimitiveTypeName())
                    .isEqualTo(PrimitiveTypeName.DOUBLE);
            assertThat(schema.getType("close").isRepetition(Type.Repetition.OPTIONAL))
                    .isTrue();
            BlockMetaData block = footer.getRowGroups().get(0);
            Map<String, ColumnChunkMetaData> chunks = new TreeMap<>();
            block.getColumns().forEach(chunk -> chunks.put(chunk.getPath().toDotString(), chunk));
            assertThat(chunks.get("asset").getEncodingStats().hasDictionaryPages())
                    .isTrue();
            Statistics<?> volume = chunks.get("volume").getStatistics();
            assertThat(volume.getNumNulls()).isEqualTo(3);
            assertThat(volume.genericGetMin()).isEqualTo(1.0);
            assertThat(volume.genericGetMax()).isEqualTo(7.0);
            Statistics<?> date = chunks.get("date").getStatistics();
            assertThat(date.genericGetMin()).isEqualTo(-1);
            assertThat(date.genericGetMax())
                    .isEqualTo((int) LocalDate.of(2040, 2, 29).toEpochDay());
            assertThat(chunks.get("asset").getStatistics().minAsString()).isEqualTo("AAPL");
            assertThat(chunks.get("asset").getStatistics().maxAsString()).isEqualTo("Zürich Re");
            assertThat(footer.readColumnIndex(chunks.get("close")))
                    .as("page index")
                    .isNotNull();
            assertThat(footer.readOffsetIndex(chunks.get("close")).getPageCount())
                    .isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0} pages, dictionary {1}, {2}, text dates {3}")
    @CsvSource({
        "PARQUET_1_0, true, SNAPPY, false",
        "PARQUET_1_0, false, UNCOMPRESSED, true",
        "PARQUET_2_0, true, UNCOMPRESSED, false",
        "PARQUET_2_0, false, SNAPPY, true"
    })
    void readsFilesWrittenByParquetMr(
            WriterVersion version, boolean dictionary, CompressionCodecName codec, boolean textDates)
            throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType("message m {"
                + (textDates ? " required binary date (STRING);" : " required int32 date (DATE);")
                + " required binary asset (STRING); optional double close; optional int64 shares;"
                + " optional boolean halted; optional binary sector (STRING); optional int32 industry; }");
        SplittableRandom random = new SplittableRandom(11);
        List<Object[]> rows = new ArrayList<>();
        for (int t = 0; t < 120; t++) {
            for (int a = 0; a < 90; a++) {
                if (random.nextInt(7) == 0) {
                    continue;
                }
                Double close = random.nextInt(9) == 0 ? null : Math.scalb(random.nextDouble(), random.nextInt(40) - 20);
                Long shares = random.nextInt(9) == 0 ? null : random.nextLong(1L << 40);
                Boolean halted = random.nextInt(9) == 0 ? null : random.nextBoolean();
                String sector = random.nextInt(9) == 0 ? null : "S" + a % 7;
                Integer industry = random.nextInt(9) == 0 ? null : a % 13;
                rows.add(new Object[] {18_000 + 3 * t, "A" + a, close, shares, halted, sector, industry});
            }
        }
        Collections.shuffle(rows, new Random(5));
        Path file = dir.resolve("mr.parquet");
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withType(schema)
                .withWriterVersion(version)
                .withDictionaryEncoding(dictionary)
                .withCompressionCodec(codec)
                .withPageSize(4096)
                .withPageRowCountLimit(1000)
                .withDictionaryPageSize(1024)
                .withRowGroupSize(64L * 1024)
                .build()) {
            for (Object[] row : rows) {
                Group group = groups.newGroup();
                int day = (int) row[0];
                if (textDates) {
                    group.add("date", LocalDate.ofEpochDay(day).toString());
                } else {
                    group.add("date", day);
                }
                group.add("asset", (String) row[1]);
                if (row[2] != null) {
                    group.add("close", (double) row[2]);
                }
                if (row[3] != null) {
                    group.add("shares", (long) row[3]);
                }
                if (row[4] != null) {
                    group.add("halted", (boolean) row[4]);
                }
                if (row[5] != null) {
                    group.add("sector", (String) row[5]);
                }
                if (row[6] != null) {
                    group.add("industry", (int) row[6]);
                }
                writer.write(group);
            }
        }

        Panel panel = new PanelReader(Set.of("industry")).read(file);

        assertThat(panel.presentCount()).isEqualTo(rows.size());
        assertThat(panel.numericFields()).containsOnlyKeys("close", "shares", "halted");
        assertThat(panel.groupFields()).containsOnlyKeys("sector", "industry");
        for (Object[] row : rows) {
            int t = Arrays.binarySearch(panel.epochDays(), (int) row[0]);
            int a = Arrays.asList(panel.assets()).indexOf(row[1]);
            int cell = a * panel.dateCount() + t;
            assertThat(panel.presence()[cell]).isTrue();
            assertSameNumber(panel.requireNumeric("close")[cell], row[2] == null ? Double.NaN : (double) row[2]);
            assertSameNumber(panel.requireNumeric("shares")[cell], row[3] == null ? Double.NaN : (long) row[3]);
            assertSameNumber(
                    panel.requireNumeric("halted")[cell], row[4] == null ? Double.NaN : (boolean) row[4] ? 1 : 0);
            assertThat(label(panel, "sector", cell)).isEqualTo(row[5]);
            assertThat(label(panel, "industry", cell)).isEqualTo(row[6] == null ? null : String.valueOf(row[6]));
        }
    }

    @Test
    void notAParquetFile() throws IOException {
        Path file = dir.resolve("x.parquet");
        Files.writeString(file, "date,asset\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.isUserError()).isTrue())
                .hasMessageContaining("x.parquet")
                .hasMessageContaining("not a Parquet file");
    }

    @Test
    void parquetErrorsNameTheFileAndRow() throws IOException {
        MessageType noAsset =
                MessageTypeParser.parseMessageType("message m { required int32 date (DATE); optional double close; }");
        Path file = dir.resolve("noasset.parquet");
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withType(noAsset)
                .build()) {
            writer.write(
                    new SimpleGroupFactory(noAsset).newGroup().append("date", 1).append("close", 1.0));
        }
        assertThatThrownBy(() -> reader.read(file))
                .hasMessageContaining("noasset.parquet")
                .hasMessageContaining("needs columns 'date' and 'asset'; found [date, close]");

        MessageType textDates = MessageTypeParser.parseMessageType(
                "message m { required binary date (STRING); optional binary asset (STRING); }");
        Path badDate = dir.resolve("baddate.parquet");
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(badDate))
                .withType(textDates)
                .build()) {
            SimpleGroupFactory groups = new SimpleGroupFactory(textDates);
            writer.write(groups.newGroup().append("date", "2020-01-02").append("asset", "A"));
            writer.write(groups.newGroup().append("date", "2020-01-32").append("asset", "A"));
        }
        assertThatThrownBy(() -> reader.read(badDate))
                .hasMessageEndingWith("baddate.parquet: row 2: '2020-01-32' is not a date (expected yyyy-MM-dd)");

        Path nullAsset = dir.resolve("nullasset.parquet");
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(nullAsset))
                .withType(textDates)
                .build()) {
            SimpleGroupFactory groups = new SimpleGroupFactory(textDates);
            writer.write(groups.newGroup().append("date", "2020-01-02").append("asset", "A"));
            writer.write(groups.newGroup().append("date", "2020-01-03").append("asset", "B"));
            writer.write(groups.newGroup().append("date", "2020-01-03"));
        }
        assertThatThrownBy(() -> reader.read(nullAsset))
                .hasMessageEndingWith("nullasset.parquet: row 3: 'asset' is null");
    }

    private static void assertSameNumber(double actual, double expected) {
        assertThat(Double.doubleToRawLongBits(actual))
                .as("%s vs %s", actual, expected)
                .isEqualTo(Double.doubleToRawLongBits(expected));
    }

    private static String label(Panel panel, String field, int cell) {
        Panel.GroupColumn group = panel.groupFields().get(field);
        double code = group.codes()[cell];
        return Double.isNaN(code) ? null : group.labels()[(int) code];
    }
}
