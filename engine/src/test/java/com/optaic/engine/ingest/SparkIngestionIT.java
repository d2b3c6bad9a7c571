package com.optaic.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.OptaicException;
import com.optaic.engine.data.Panel;
import com.optaic.engine.dataset.DataFile;
import com.optaic.engine.dataset.DatasetQuery;
import com.optaic.engine.dataset.DatasetReader;
import com.optaic.engine.dataset.DatasetWriter;
import com.optaic.engine.dataset.FileVersionCatalog;
import com.optaic.engine.dataset.StorageLocation;
import com.optaic.engine.dataset.TestingHdfs;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.engine.dataset.VersionManifest.Operation;
import com.optaic.engine.io.PanelReader;
import com.optaic.engine.spark.TestingSpark;
import com.optaic.engine.synthetic.SyntheticMarket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingestion on Spark {@code local[2]} and in process: the same bytes as {@link DatasetWriter} writing the whole
 * panel, whatever the number of tasks; multi-file CSV; bad rows that fail with file:line and leave no version.
 */
class SparkIngestionIT {
    @TempDir
    Path temp;

    private static IngestEngine spark() {
        return IngestEngine.spark(TestingSpark.session());
    }

    /** What a version holds, byte for byte: each file's name within its version directory, rows and checksum. */
    private static List<String> fingerprint(VersionManifest manifest) {
        return manifest.files().stream()
                .map(f -> f.path().substring(f.path().lastIndexOf('/') + 1) + " " + f.rows() + " " + f.dates() + " "
                        + f.bytes() + " " + f.sha256() + " " + f.fields())
                .toList();
    }

    private VersionManifest ingest(Path root, IngestEngine engine, IngestSource source, Operation operation) {
        return new DatasetIngestion(root, new FileVersionCatalog(root), engine)
                .ingest("prices", source, operation, Optional.empty())
                .manifest()
                .orElseThrow();
    }

    @Test
    void aSyntheticMarketHasTheSameBytesInProcessOnSparkAndWithAnyNumberOfTasks() {
        for (boolean ragged : new boolean[] {false, true}) {
            Path classicRoot = temp.resolve("classic-" + ragged);
            Panel panel =
                    ragged ? SyntheticMarket.generateRagged(45, 700, 11, 0, 45) : SyntheticMarket.generate(45, 700, 11);
            VersionManifest classic = new DatasetWriter(classicRoot, new FileVersionCatalog(classicRoot))
                    .rebuild("prices", panel, LocalDate.of(2030, 1, 1));
            assertThat(classic.files()).hasSize(3);
            assertThat(classic.rows()).isEqualTo(panel.presentCount());
            for (int tasks : new int[] {1, 2, 7}) {
                VersionManifest onSpark = ingest(
                        temp.resolve("spark-" + ragged + tasks),
                        spark(),
                        IngestSources.synthetic(45, 700, 11, ragged, tasks),
                        Operation.REBUILD);
                VersionManifest inProcess = ingest(
                        temp.resolve("local-" + ragged + tasks),
                        IngestEngine.local(),
                        IngestSources.synthetic(45, 700, 11, ragged, tasks),
                        Operation.REBUILD);
                assertThat(fingerprint(onSpark)).as("%d tasks on Spark", tasks).isEqualTo(fingerprint(classic));
                assertThat(fingerprint(inProcess))
                        .as("%d tasks in process", tasks)
                        .isEqualTo(fingerprint(classic));
                assertThat(onSpark.schema()).isEqualTo(classic.schema());
            }
        }
    }

    @Test
    void underHadoopUriRootsTheIngestWritesTheSameBytesAndReadsBack() throws IOException {
        Path plainRoot = temp.resolve("plain");
        VersionManifest plain =
                ingest(plainRoot, spark(), IngestSources.synthetic(30, 500, 5, true, 3), Operation.REBUILD);
        // file:// goes through Hadoop's checksummed LocalFileSystem, hdfs:// to the test JVM's mini cluster: the
        // write tasks open their files by URI.
        StorageLocation fileUri =
                StorageLocation.of(temp.resolve("hadoop").toUri().toString());
        assertThat(fileUri.localPath())
                .as("a Hadoop location, not a plain path")
                .isEmpty();
        Panel expected =
                new DatasetReader(plainRoot, new FileVersionCatalog(plainRoot)).readPanel("prices", DatasetQuery.all());
        for (StorageLocation uriRoot : List.of(fileUri, TestingHdfs.newRoot("ingest"))) {
            for (IngestEngine engine : List.of(spark(), IngestEngine.local())) {
                assertSameIngest(uriRoot.resolve(engine.name()), engine, plainRoot, plain, expected);
            }
        }
    }

    /** Ingests the same source under {@code root}: the plain root's bytes file by file, and the same values read. */
    private static void assertSameIngest(
            StorageLocation root, IngestEngine engine, Path plainRoot, VersionManifest plain, Panel expected)
            throws IOException {
        FileVersionCatalog catalog = new FileVersionCatalog(root);
        VersionManifest onHadoop = new DatasetIngestion(root, catalog, engine)
                .ingest("prices", IngestSources.synthetic(30, 500, 5, true, 3), Operation.REBUILD, Optional.empty())
                .manifest()
                .orElseThrow();
        String where = engine.name() + " under " + root;
        assertThat(fingerprint(onHadoop)).as(where).isEqualTo(fingerprint(plain));
        for (int f = 0; f < plain.files().size(); f++) {
            String plainFile = plain.files().get(f).path();
            assertThat(root.resolve("prices")
                            .resolve(onHadoop.files().get(f).path())
                            .readAllBytes())
                    .as("%s: the bytes of %s", where, plainFile)
                    .isEqualTo(Files.readAllBytes(plainRoot.resolve("prices").resolve(plainFile)));
        }
        Panel read = new DatasetReader(root, catalog, true).readPanel("prices", DatasetQuery.all());
        assertThat(read.assets()).isEqualTo(expected.assets());
        assertThat(read.epochDays()).isEqualTo(expected.epochDays());
        assertThat(read.presence()).isEqualTo(expected.presence());
        expected.numericFields()
                .forEach((field, values) ->
                        assertThat(read.requireNumeric(field)).as(field).isEqualTo(values));
    }

    @Test
    void aGlobOfCsvFilesIsMergedIntoOneVersionIdenticalInProcessAndOnSpark() throws IOException {
        Path input = Files.createDirectories(temp.resolve("input"));
        write(input.resolve("prices-a.csv"), """
                date,asset,close,sector
                2019-12-31,AAA,1.5,Tech
                2020-01-02,AAA,2.5,Tech
                2020-01-02,BBB,3.5,Energy
                """);
        write(input.resolve("prices-b.csv"), """
                date,asset,close,sector
                2019-12-30,CCC,10,Energy
                2020-01-03,CCC,,Energy
                2020-01-02,CCC,12,
                """);
        write(input.resolve("other.csv"), "date,asset,close\n2020-01-02,ZZZ,99\n");
        IngestSource source = IngestSources.files(input + "/prices-*.csv", ".csv", PanelReader.DEFAULT_GROUP_FIELDS);
        VersionManifest onSpark = ingest(temp.resolve("spark"), spark(), source, Operation.REBUILD);
        VersionManifest inProcess = ingest(temp.resolve("local"), IngestEngine.local(), source, Operation.REBUILD);
        assertThat(fingerprint(onSpark)).isEqualTo(fingerprint(inProcess));
        assertThat(onSpark.files())
                .extracting(DataFile::minDate, DataFile::maxDate)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                LocalDate.parse("2019-12-30"), LocalDate.parse("2019-12-31")),
                        org.assertj.core.groups.Tuple.tuple(
                                LocalDate.parse("2020-01-02"), LocalDate.parse("2020-01-03")));
        assertThat(onSpark.rows()).isEqualTo(6);

        Path root = temp.resolve("spark");
        Panel panel = new DatasetReader(root, new FileVersionCatalog(root)).readPanel("prices", DatasetQuery.all());
        assertThat(panel.assets()).containsExactly("AAA", "BBB", "CCC");
        assertThat(panel.dateCount()).isEqualTo(4);
        double[] close = panel.requireNumeric("close");
        // Asset-major: AAA's four dates, then BBB's, then CCC's (2019-12-30, 12-31, 2020-01-02, 01-03).
        assertThat(close[1]).isEqualTo(1.5);
        assertThat(close[2]).isEqualTo(2.5);
        assertThat(close[4 + 2]).isEqualTo(3.5);
        assertThat(close[8]).isEqualTo(10.0);
        assertThat(close[8 + 2]).isEqualTo(12.0);
        assertThat(close[8 + 3]).isNaN();
        assertThat(panel.isPresent(2, 3)).isTrue();
        assertThat(panel.isPresent(0, 0)).isFalse();
        Panel.GroupColumn sector = panel.groupFields().get("sector");
        assertThat(sector.labels()).containsExactly("Energy", "Tech");
        assertThat(sector.codes()[1]).isEqualTo(1.0);
        assertThat(sector.codes()[8 + 2]).isNaN();
    }

    @Test
    void aRowRepeatedInALaterFileFailsWithThatFilesLineAndLeavesNoVersion() throws IOException {
        Path input = Files.createDirectories(temp.resolve("input"));
        write(input.resolve("a.csv"), "date,asset,close\n2020-01-02,AAA,1\n2020-01-02,BBB,2\n2021-03-01,AAA,3\n");
        write(
                input.resolve("b.csv"),
                "date,asset,close\n2021-03-02,AAA,4\n\n2021-03-01,BBB,5\n2021-03-01,AAA,6\n" + "2020-01-02,BBB,7\n");
        Path root = temp.resolve("root");
        VersionManifest first = ingest(
                root,
                spark(),
                IngestSources.files(input + "/a.csv", ".csv", PanelReader.DEFAULT_GROUP_FIELDS),
                Operation.REBUILD);
        for (IngestEngine engine : List.of(spark(), IngestEngine.local())) {
            assertThatThrownBy(() -> ingest(
                            root,
                            engine,
                            IngestSources.files(input.toString(), ".csv", PanelReader.DEFAULT_GROUP_FIELDS),
                            Operation.REBUILD))
                    .isInstanceOf(OptaicException.class)
                    .hasMessage(input.resolve("b.csv") + ":5: duplicate row for (2021-03-01, AAA), first seen at "
                            + input.resolve("a.csv") + ":4");
            assertNothingNewAfter(root, first);
        }
    }

    @Test
    void anUnparseableNumberFailsWithFileAndLineAndLeavesNoVersion() throws IOException {
        Path input = Files.createDirectories(temp.resolve("input"));
        write(input.resolve("1.csv"), "date,asset,close\n2020-01-02,AAA,1\n");
        write(input.resolve("2.csv"), "date,asset,close\n2020-01-02,BBB,2\n2020-01-03,BBB,2,5\n");
        write(input.resolve("3.csv"), "date,asset,close\n2020-01-02,CCC,1\n2020-01-03,CCC,abc\n");
        write(input.resolve("4.csv"), "day,asset,close\n2020-01-02,DDD,1\n");
        Path root = temp.resolve("root");
        VersionManifest first = ingest(
                root,
                spark(),
                IngestSources.files(input + "/1.csv", ".csv", PanelReader.DEFAULT_GROUP_FIELDS),
                Operation.REBUILD);
        assertThatThrownBy(() -> ingest(
                        root,
                        spark(),
                        IngestSources.files(input + "/[13].csv", ".csv", PanelReader.DEFAULT_GROUP_FIELDS),
                        Operation.REBUILD))
                .hasMessage(input.resolve("3.csv") + ":3: field 'close' (column 3): 'abc' is not a number");
        assertThatThrownBy(() -> ingest(
                        root,
                        spark(),
                        IngestSources.files(input.toString(), ".csv", PanelReader.DEFAULT_GROUP_FIELDS),
                        Operation.REBUILD))
                .as("the first file's offence, whichever task ran first")
                .hasMessage(input.resolve("2.csv") + ":3: expected 3 columns, found 4");
        assertThatThrownBy(() -> ingest(
                        root,
                        spark(),
                        IngestSources.files(input + "/4.csv", ".csv", PanelReader.DEFAULT_GROUP_FIELDS),
                        Operation.REBUILD))
                .hasMessageStartingWith(input.resolve("4.csv") + ":1: the header has no 'date' column");
        assertNothingNewAfter(root, first);
    }

    @Test
    void anAppendAfterARebuildWritesOnlyTheNewDates() throws IOException {
        Path input = Files.createDirectories(temp.resolve("input"));
        write(input.resolve("a.csv"), "date,asset,close\n2020-01-02,AAA,1\n2020-01-03,AAA,2\n");
        Path root = temp.resolve("root");
        IngestSource all = IngestSources.files(input.toString(), ".csv", PanelReader.DEFAULT_GROUP_FIELDS);
        VersionManifest rebuilt = ingest(root, spark(), all, Operation.REBUILD);
        write(input.resolve("b.csv"), "date,asset,close\n2020-01-03,BBB,5\n2020-01-06,AAA,3\n2021-01-04,BBB,4\n");
        DatasetIngestion.Result appended = new DatasetIngestion(root, new FileVersionCatalog(root), spark())
                .ingest("prices", all, Operation.APPEND, Optional.of(LocalDate.parse("2020-12-31")));
        VersionManifest manifest = appended.manifest().orElseThrow();
        assertThat(appended.rowsAdded()).isEqualTo(1);
        assertThat(appended.datesAdded()).isEqualTo(1);
        assertThat(appended.lastDate()).contains(LocalDate.parse("2020-01-06"));
        assertThat(manifest.version()).isEqualTo(2);
        assertThat(manifest.operation()).isEqualTo(Operation.APPEND);
        assertThat(manifest.files()).hasSize(2);
        assertThat(manifest.files().get(0)).isEqualTo(rebuilt.files().get(0));
        assertThat(manifest.files().get(1).minDate()).isEqualTo(LocalDate.parse("2020-01-06"));
        assertThat(manifest.files().get(1).rows()).isEqualTo(1);

        DatasetIngestion.Result nothing = new DatasetIngestion(root, new FileVersionCatalog(root), spark())
                .ingest("prices", all, Operation.APPEND, Optional.of(LocalDate.parse("2020-12-31")));
        assertThat(nothing.manifest()).isEmpty();
        assertThat(nothing.rowsAdded()).isZero();
        assertThat(new FileVersionCatalog(root).list("prices")).hasSize(2);
    }

    /** The latest version is still {@code expected}, and no data file lies outside the versions' directories. */
    private static void assertNothingNewAfter(Path root, VersionManifest expected) throws IOException {
        FileVersionCatalog catalog = new FileVersionCatalog(root);
        assertThat(catalog.latest("prices")).contains(expected);
        try (Stream<Path> files = Files.walk(root.resolve("prices").resolve(DatasetWriter.DATA_DIRECTORY))) {
            assertThat(files.filter(Files::isRegularFile)
                            .map(p -> root.resolve("prices").relativize(p).toString()))
                    .containsExactlyInAnyOrderElementsOf(
                            expected.files().stream().map(DataFile::path).toList());
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
