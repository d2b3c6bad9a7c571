package com.optaic.engine.dataset;

import static com.optaic.engine.dataset.TestingDatasets.assertSamePanel;
import static com.optaic.engine.dataset.TestingDatasets.checksums;
import static com.optaic.engine.dataset.TestingDatasets.dataFilesOnDisk;
import static com.optaic.engine.dataset.TestingDatasets.day;
import static com.optaic.engine.dataset.TestingDatasets.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.ErrorCategory;
import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.data.Panel;
import com.optaic.engine.data.Panel.GroupColumn;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetVersionsTest {
    private static final LocalDate AS_OF = day("2030-01-01");
    private static final String DATE = "\\d{4}-\\d\\d-\\d\\d";

    @TempDir
    Path root;

    StorageLocation storage;
    FileVersionCatalog catalog;
    private DatasetWriter writer;
    private DatasetCompaction compaction;
    private DatasetGarbageCollector collector;
    private DatasetReader reader;

    /** The storage root the datasets go through: the temporary directory, here as a plain local path. */
    StorageLocation storage(Path directory) {
        return StorageLocation.local(directory);
    }

    /** What a checksum failure's message names. */
    String checksumFailureWords() {
        return "SHA-256";
    }

    /** Changes one byte of a data file, given by its path under the root, in place. */
    void changeOneByte(String pathUnderRoot) throws IOException {
        try (FileChannel channel =
                FileChannel.open(root.resolve(pathUnderRoot), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, 100);
            one.put(0, (byte) (one.get(0) ^ 0x40)).rewind();
            channel.write(one, 100);
        }
    }

    @BeforeEach
    void setUp() {
        storage = storage(root);
        catalog = new FileVersionCatalog(storage);
        writer = new DatasetWriter(storage, catalog);
        compaction = new DatasetCompaction(storage, catalog);
        collector = new DatasetGarbageCollector(storage, catalog);
        reader = new DatasetReader(storage, catalog, true);
    }

    @Test
    void compactionRewritesEachYearOfAppendsAsTheRebuildsFileAndKeepsEveryVersionReadable() {
        Panel market = TestingDatasets.market(); // 800 dates from 2010-01-04: 2010, 2011, 2012, part of 2013
        Panel ragged = TestingDatasets.ragged();
        writer.rebuild("m", rows(market, 0, 500), AS_OF);
        for (int day = 500; day < 800; day += 25) { // nightly-style appends: 12 more files over 2011-2013
            writer.append("m", rows(market, day, day + 25), AS_OF);
        }
        VersionManifest appended = catalog.latest("m").orElseThrow();
        assertThat(appended.files()).hasSizeGreaterThan(12);

        VersionManifest compacted = compaction.compact("m");

        assertThat(compacted.version()).isEqualTo(appended.version() + 1);
        assertThat(compacted.operation()).isEqualTo(VersionManifest.Operation.COMPACT);
        assertThat(compacted.rows()).isEqualTo(appended.rows());
        assertThat(compacted.schema()).isEqualTo(appended.schema());
        assertSamePanel(reader.readPanel("m", DatasetQuery.all()), market);
        assertSamePanel(reader.read(appended, DatasetQuery.all()).panel(), market); // the old version still reads
        assertThat(compacted.files().get(0))
                .as("2010 was one file: kept, not rewritten")
                .isEqualTo(appended.files().get(0));
        writer.rebuild("witness", market, AS_OF);
        assertThat(compacted.files())
                .extracting(DataFile::sha256)
                .as("the rebuild's bytes, year by year")
                .containsExactlyElementsOf(catalog.latest("witness").orElseThrow().files().stream()
                        .map(DataFile::sha256)
                        .toList());
        assertThat(compaction.compact("m"))
                .as("nothing left to merge: no new version")
                .isEqualTo(compacted);

        // Labels with gaps, an asset without a row in a year, special values: the same cells after compaction.
        writer.rebuild("r", rows(ragged, 0, 2), AS_OF);
        writer.append("r", rows(ragged, 2, 3), AS_OF);
        writer.append("r", rows(ragged, 3, 4), AS_OF);
        writer.append("r", rows(ragged, 4, 6), AS_OF);
        assertThat(compaction.compact("r").files()).hasSize(3);
        assertSamePanel(reader.readPanel("r", DatasetQuery.all()), ragged);
    }

    @Test
    void compactingNothingOrByANumberOfDatesIsRefusedWithTheReason() {
        assertThatThrownBy(() -> compaction.compact("none"))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.code()).isEqualTo(EngineErrorCode.VERSION_NOT_FOUND))
                .hasMessageContaining("none");
        writer.rebuild("m", rows(TestingDatasets.market(), 0, 100), AS_OF);
        DatasetCompaction byDates =
                new DatasetCompaction(storage, catalog, FilePartitioning.everyDates(50), java.time.Clock.systemUTC());
        assertThatThrownBy(() -> byDates.compact("m"))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.code()).isEqualTo(EngineErrorCode.BAD_REQUEST))
                .hasMessageContaining("per year");
    }

    @Test
    void rebuildReadsBackBitIdenticalWithOneFilePerYear() throws IOException {
        Panel market = TestingDatasets.market();

        VersionManifest manifest = writer.rebuild("prices", market, AS_OF);

        assertThat(manifest.version()).isEqualTo(1);
        assertThat(manifest.parent()).isEqualTo(VersionManifest.NO_PARENT);
        assertThat(manifest.operation()).isEqualTo(VersionManifest.Operation.REBUILD);
        assertThat(manifest.rows()).isEqualTo((long) TestingDatasets.ASSETS * TestingDatasets.DAYS);
        assertThat(manifest.minDate()).isEqualTo(market.date(0));
        assertThat(manifest.maxDate()).isEqualTo(market.date(market.dateCount() - 1));
        assertThat(manifest.schema())
                .containsExactly(
                        Map.entry("open", FieldType.NUMERIC),
                        Map.entry("high", FieldType.NUMERIC),
                        Map.entry("low", FieldType.NUMERIC),
                        Map.entry("close", FieldType.NUMERIC),
                        Map.entry("volume", FieldType.NUMERIC),
                        Map.entry("vwap", FieldType.NUMERIC),
                        Map.entry("returns", FieldType.NUMERIC),
                        Map.entry("cap", FieldType.NUMERIC),
                        Map.entry("sector", FieldType.GROUP),
                        Map.entry("industry", FieldType.GROUP),
                        Map.entry("subindustry", FieldType.GROUP));
        // 800 business days from 2010-01-04 end in 2013: one file per calendar year.
        assertThat(manifest.files())
                .extracting(DataFile::minDate)
                .containsExactly(day("2010-01-04"), day("2011-01-03"), day("2012-01-02"), day("2013-01-01"));
        assertThat(manifest.files())
                .extracting(DataFile::maxDate)
                .containsExactly(day("2010-12-31"), day("2011-12-30"), day("2012-12-31"), manifest.maxDate());
        StorageLocation datasetDirectory = storage.resolve("prices");
        for (DataFile file : manifest.files()) {
            byte[] bytes = datasetDirectory.resolve(file.path()).readAllBytes();
            assertThat(file.path()).matches("data/v000001-[0-9a-f]{8}/part-" + DATE + "_" + DATE + "\\.parquet");
            assertThat(file.bytes()).isEqualTo(bytes.length);
            assertThat(file.sha256()).isEqualTo(TestingDatasets.sha256(bytes));
        }
        assertThat(catalog.latest("prices")).contains(manifest);

        assertSamePanel(reader.readPanel("prices", DatasetQuery.all()), market);
    }

    @Test
    void raggedPanelRoundTripsWithAbsentCellsAndMissingLabels() {
        Panel ragged = TestingDatasets.ragged();

        VersionManifest manifest = writer.rebuild("ragged", ragged, AS_OF);

        assertThat(manifest.files()).hasSize(3);
        assertThat(manifest.rows()).isEqualTo(ragged.presentCount());
        assertSamePanel(reader.readPanel("ragged", DatasetQuery.all()), ragged);
        // 2021 has no row of BBB: a read of 2021 alone does not list it, unless the universe asks for it.
        Panel year2021 = reader.readPanel("ragged", DatasetQuery.all().between(day("2021-01-01"), null));
        assertThat(year2021.assets()).containsExactly("AAA", "CCC", "DDD");
        Panel universe = reader.readPanel(
                "ragged", DatasetQuery.all().between(day("2021-01-01"), null).assets(List.of("BBB", "ZZZ", "AAA")));
        assertThat(universe.assets()).containsExactly("AAA", "BBB", "ZZZ");
        assertThat(universe.presence()).containsExactly(true, true, false, false, false, false);
        assertThat(universe.requireNumeric("close"))
                .containsExactly(Double.MIN_VALUE, 7, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    @Test
    void appendWritesOneSmallFileAndListsTheParentFilesThenItsOwn() {
        Panel market = TestingDatasets.market();
        int days = market.dateCount();
        VersionManifest first = writer.rebuild("prices", rows(market, 0, days - 1), AS_OF);
        List<String> before = dataFilesOnDisk(storage.resolve("prices"));
        Map<String, String> sumsBefore = checksums(storage.resolve("prices/data"));

        VersionManifest second = writer.append("prices", rows(market, days - 1, days), AS_OF);

        List<String> after = new ArrayList<>(dataFilesOnDisk(storage.resolve("prices")));
        after.removeAll(before);
        assertThat(after).as("new files on disk").hasSize(1);
        DataFile added = second.files().get(second.files().size() - 1);
        assertThat(added.path()).isEqualTo(after.get(0)).startsWith("data/v000002-");
        assertThat(added.rows()).isEqualTo(TestingDatasets.ASSETS);
        assertThat(added.minDate()).isEqualTo(market.date(days - 1)).isEqualTo(added.maxDate());
        assertThat(second.files()).containsExactlyElementsOf(concat(first.files(), List.of(added)));
        assertThat(second.parent()).isEqualTo(1);
        assertThat(second.operation()).isEqualTo(VersionManifest.Operation.APPEND);
        assertThat(second.rows()).isEqualTo(first.rows() + TestingDatasets.ASSETS);
        assertThat(checksums(storage.resolve("prices/data"))).containsAllEntriesOf(sumsBefore);

        assertSamePanel(reader.readPanel("prices", DatasetQuery.all()), market);
        assertSamePanel(reader.readPanel("prices", DatasetQuery.all().atVersion(1)), rows(market, 0, days - 1));
        assertThat(catalog.list("prices")).extracting(VersionManifest::version).containsExactly(1L, 2L);
    }

    @Test
    void aDateRangeOpensOnlyTheFilesThatOverlapIt() throws IOException {
        Panel market = TestingDatasets.market();
        VersionManifest manifest = writer.rebuild("prices", market, AS_OF);
        List<DataFile> files = manifest.files();

        DatasetSlice spring2011 = reader.read(
                "prices",
                DatasetQuery.all().between(day("2011-03-01"), day("2011-06-30")).fields("close", "sector"));
        DatasetSlice newYear = reader.read("prices", DatasetQuery.all().between(day("2011-12-15"), day("2012-01-15")));

        assertThat(spring2011.filesRead())
                .containsExactly(files.get(1))
                .isEqualTo(manifest.filesBetween(day("2011-03-01"), day("2011-06-30")));
        assertThat(newYear.filesRead()).containsExactly(files.get(1), files.get(2));
        Panel expected = Panels.select(market, day("2011-03-01"), day("2011-06-30"), null);
        Panel got = spring2011.panel();
        assertThat(got.epochDays()).containsExactly(expected.epochDays());
        assertThat(got.numericFields().keySet()).containsExactly("close");
        assertThat(got.groupFields().keySet()).containsExactly("sector");
        assertThat(got.requireNumeric("close")).containsExactly(expected.requireNumeric("close"));

        // The other years' files are not needed: delete them and the same read still works.
        StorageLocation datasetDirectory = storage.resolve("prices");
        for (DataFile file : List.of(files.get(0), files.get(2), files.get(3))) {
            datasetDirectory.resolve(file.path()).deleteIfExists();
        }
        Panel again = reader.readPanel(
                "prices",
                DatasetQuery.all().between(day("2011-03-01"), day("2011-06-30")).fields("close", "sector"));
        assertThat(again.requireNumeric("close")).containsExactly(expected.requireNumeric("close"));

        assertThatThrownBy(() -> reader.readPanel("prices", DatasetQuery.all()))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.code()).isEqualTo(EngineErrorCode.DATA_FILE_MISSING))
                .hasMessageContaining("dataset 'prices' version 1")
                .hasMessageContaining(files.get(0).path())
                .hasMessageContaining("missing");
    }

    @Test
    void fieldsAndUniverseNarrowTheRead() {
        Panel market = TestingDatasets.market();
        writer.rebuild("prices", market, AS_OF);

        Panel got = reader.readPanel(
                "prices", DatasetQuery.all().fields("volume", "industry").assets(List.of("A0003", "A0001")));

        assertThat(got.assets()).containsExactly("A0001", "A0003");
        assertThat(got.numericFields().keySet()).containsExactly("volume");
        assertThat(got.groupFields().keySet()).containsExactly("industry");
        double[] volume = market.requireNumeric("volume");
        int days = market.dateCount();
        for (int t = 0; t < days; t++) {
            assertThat(got.requireNumeric("volume")[t]).isEqualTo(volume[days + t]);
            assertThat(got.requireNumeric("volume")[days + t]).isEqualTo(volume[3 * days + t]);
        }
        assertThat(TestingDatasets.label(got.groupFields().get("industry"), 0))
                .isEqualTo(TestingDatasets.label(market.groupFields().get("industry"), days));

        assertThatThrownBy(() -> reader.readPanel("prices", DatasetQuery.all().fields("close", "closee")))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.code()).isEqualTo(EngineErrorCode.UNKNOWN_FIELD))
                .hasMessageContaining("'closee'")
                .hasMessageContaining("version 1");
        assertThatThrownBy(() -> reader.readPanel("prices", DatasetQuery.all().atVersion(9)))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.NOT_FOUND))
                .hasMessage("Dataset 'prices' has no version 9; latest is version 1");
    }

    @Test
    void twoWritersOnTheSameParentOneWinsTheOtherGetsAConflict() throws Exception {
        Panel market = TestingDatasets.market();
        int days = market.dateCount();
        writer.rebuild("prices", rows(market, 0, days - 2), AS_OF);
        // Both writers read version 1 as their parent, write their files, then commit at the same moment.
        CyclicBarrier bothReady = new CyclicBarrier(2);
        VersionCatalog racing = new DelegatingCatalog(catalog) {
            @Override
            public void commit(String dataset, long expectedParent, VersionManifest manifest) {
                try {
                    bothReady.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                super.commit(dataset, expectedParent, manifest);
            }
        };
        DatasetWriter one = new DatasetWriter(storage, racing);
        DatasetWriter other = new DatasetWriter(storage, racing);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<Future<VersionManifest>> results;
        try {
            results = List.of(
                    threads.submit(() -> one.append("prices", rows(market, days - 2, days - 1), AS_OF)),
                    threads.submit(() -> other.append("prices", rows(market, days - 2, days), AS_OF)));
        } finally {
            threads.shutdown();
        }

        List<VersionManifest> won = new ArrayList<>();
        List<OptaicException> lost = new ArrayList<>();
        for (Future<VersionManifest> result : results) {
            try {
                won.add(result.get());
            } catch (ExecutionException e) {
                lost.add((OptaicException) e.getCause());
            }
        }
        assertThat(won).hasSize(1);
        assertThat(lost).hasSize(1);
        assertThat(lost.get(0).category()).isEqualTo(ErrorCategory.CONFLICT);
        assertThat(lost.get(0).code()).isEqualTo(EngineErrorCode.VERSION_CONFLICT);
        assertThat(lost.get(0))
                .hasMessageContaining("dataset 'prices' version 2")
                .hasMessageContaining("written on version 1");
        assertThat(catalog.list("prices")).extracting(VersionManifest::version).containsExactly(1L, 2L);
        assertThat(catalog.latest("prices")).contains(won.get(0));
        // The loser cleaned up: every file on disk belongs to a committed version.
        assertThat(collector.collect("prices", Instant.now().plusSeconds(60), false))
                .isEmpty();
        assertThat(dataFilesOnDisk(storage.resolve("prices")))
                .containsExactlyInAnyOrderElementsOf(
                        won.get(0).files().stream().map(DataFile::path).toList());
        // One writer appended one day, the other two: the winner's dates are what version 2 holds.
        int winnerEnd = won.get(0).maxDate().equals(market.date(days - 1)) ? days : days - 1;
        assertSamePanel(reader.readPanel("prices", DatasetQuery.all()), rows(market, 0, winnerEnd));
    }

    @Test
    void aFieldCannotChangeTypeButANewFieldIsAllowed() {
        Panel market = TestingDatasets.market();
        int days = market.dateCount();
        writer.rebuild("prices", rows(market, 0, days - 1), AS_OF);
        Panel lastDay = rows(market, days - 1, days);

        Map<String, double[]> numeric = new LinkedHashMap<>(lastDay.numericFields());
        numeric.put("sector", new double[lastDay.cellCount()]);
        Map<String, GroupColumn> groups = new LinkedHashMap<>(lastDay.groupFields());
        groups.remove("sector");
        Panel retyped = new Panel(lastDay.epochDays(), lastDay.assets(), null, numeric, groups);
        assertThatThrownBy(() -> writer.append("prices", retyped, AS_OF))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.code()).isEqualTo(EngineErrorCode.FIELD_TYPE_CHANGED))
                .hasMessage("Cannot append to dataset 'prices': field 'sector' is numeric (double) in the panel but "
                        + "group (string) in version 1; a field keeps its type across versions");
        assertThatThrownBy(() -> writer.rebuild("prices", retyped, AS_OF))
                .hasMessageContaining("field 'sector' is numeric (double)");
        assertThat(catalog.list("prices")).hasSize(1);

        Map<String, double[]> extended = new LinkedHashMap<>(lastDay.numericFields());
        double[] signal = new double[lastDay.cellCount()];
        Arrays.setAll(signal, cell -> cell * 0.5);
        extended.put("signal", signal);
        VersionManifest second = writer.append(
                "prices",
                new Panel(lastDay.epochDays(), lastDay.assets(), null, extended, lastDay.groupFields()),
                AS_OF);

        assertThat(second.schema()).containsKey("signal");
        assertThat(second.schema().keySet()).startsWith("open").endsWith("signal");
        assertThat(second.files().get(0).fields()).doesNotContain("signal");
        assertThat(second.files().get(second.files().size() - 1).fields()).contains("signal", "close");
        Panel read = reader.readPanel("prices", DatasetQuery.all().fields("signal", "close"));
        double[] readSignal = read.requireNumeric("signal");
        for (int a = 0; a < read.assetCount(); a++) {
            for (int t = 0; t < days - 1; t++) {
                assertThat(readSignal[a * days + t]).isNaN();
            }
            assertThat(readSignal[a * days + days - 1]).isEqualTo(a * 0.5);
        }
    }

    @Test
    void rowsAfterTheAsOfDateAreRejectedNamingTheFirst() {
        Panel market = TestingDatasets.market();
        LocalDate asOf = market.date(700);

        assertThatThrownBy(() -> writer.rebuild("prices", market, asOf))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.code()).isEqualTo(EngineErrorCode.DATE_AFTER_AS_OF))
                .hasMessage("Cannot rebuild dataset 'prices': the panel has rows on " + market.date(701)
                        + " (and 98 later dates), after the as-of date " + asOf
                        + "; no dataset may hold data from its future");
        assertThat(catalog.list("prices")).isEmpty();
        assertThat(dataFilesOnDisk(storage.resolve("prices"))).isEmpty();
        assertThat(writer.rebuild("prices", rows(market, 0, 701), asOf).maxDate())
                .isEqualTo(asOf);
    }

    @Test
    void anAppendMustStartAfterTheLatestVersion() {
        Panel market = TestingDatasets.market();
        writer.rebuild("prices", rows(market, 0, 500), AS_OF);

        assertThatThrownBy(() -> writer.append("prices", rows(market, 498, 510), AS_OF))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.code()).isEqualTo(EngineErrorCode.APPEND_OVERLAP))
                .hasMessage("Cannot append to dataset 'prices': the panel has rows on " + market.date(498) + ".."
                        + market.date(499) + " (2 dates), which version 1 already covers (it ends " + market.date(499)
                        + "); append only dates after " + market.date(499) + ", or rebuild");
        VersionManifest unchanged = writer.append("prices", rows(market, 500, 500), AS_OF);
        assertThat(unchanged.version()).as("an empty append commits nothing").isEqualTo(1);
        assertThat(catalog.list("prices")).hasSize(1);
    }

    @Test
    void checksumVerificationCatchesAChangedByte() throws IOException {
        VersionManifest manifest = writer.rebuild("ragged", TestingDatasets.ragged(), AS_OF);
        changeOneByte("ragged/" + manifest.files().get(1).path());

        assertThatThrownBy(() -> reader.readPanel("ragged", DatasetQuery.all()))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.code()).isEqualTo(EngineErrorCode.DATA_FILE_CORRUPT))
                .hasMessageContaining(manifest.files().get(1).path())
                .hasMessageContaining(checksumFailureWords());
        // The other files are intact: a read that avoids the changed one succeeds.
        assertThat(reader.readPanel("ragged", DatasetQuery.all().between(day("2021-01-01"), null))
                        .dateCount())
                .isEqualTo(2);
    }

    @Test
    void gcListsAndDeletesOnlyUnreferencedFiles() throws IOException {
        Panel market = TestingDatasets.market();
        writer.rebuild("prices", rows(market, 0, 300), AS_OF);
        StorageLocation orphanDirectory = storage.resolve("prices/data/v000002-deadbeef");
        orphanDirectory.createDirectories();
        orphanDirectory.resolve("part-x.parquet").writeNew(new byte[] {1, 2, 3});
        orphanDirectory.resolve(".part-y.parquet.123.tmp").writeNew(new byte[] {4});
        VersionManifest second = writer.rebuild("prices", rows(market, 0, 400), AS_OF);

        assertThat(collector.collect("prices", Instant.now().minusSeconds(3600), true))
                .as("too young")
                .isEmpty();
        List<String> garbage = collector.collect("prices", Instant.now().plusSeconds(60), true);

        // Version 1's files are still referenced by version 1, although version 2 was a rebuild.
        assertThat(garbage)
                .containsExactly(
                        "data/v000002-deadbeef/.part-y.parquet.123.tmp", "data/v000002-deadbeef/part-x.parquet");
        assertThat(TestingDatasets.exists(orphanDirectory)).isFalse();
        assertSamePanel(reader.readPanel("prices", DatasetQuery.all().atVersion(1)), rows(market, 0, 300));
        assertSamePanel(reader.readPanel("prices", DatasetQuery.all()), rows(market, 0, 400));
        assertThat(second.version()).isEqualTo(2);
    }

    @Test
    void badNamesAndEmptyPanelsAreUserErrors() {
        Panel market = TestingDatasets.market();
        assertThatThrownBy(() -> writer.rebuild("../escape", market, AS_OF))
                .isInstanceOfSatisfying(
                        OptaicException.class,
                        e -> assertThat(e.code()).isEqualTo(EngineErrorCode.INVALID_DATASET_NAME))
                .hasMessageContaining("'../escape'");
        assertThatThrownBy(() -> writer.rebuild("empty", rows(market, 5, 5), AS_OF))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.code()).isEqualTo(EngineErrorCode.NO_ROWS));
        assertThatThrownBy(() -> reader.readPanel("absent", DatasetQuery.all()))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.code()).isEqualTo(EngineErrorCode.VERSION_NOT_FOUND))
                .hasMessageContaining("Dataset 'absent' has no committed version");
        Map<String, double[]> reserved = new LinkedHashMap<>();
        reserved.put("asset", new double[market.cellCount()]);
        assertThatThrownBy(() -> writer.rebuild(
                        "x", new Panel(market.epochDays(), market.assets(), null, reserved, Map.of()), AS_OF))
                .hasMessageContaining("field name 'asset' is reserved");
    }

    @Test
    void manifestsRoundTripThroughJson() throws IOException {
        VersionManifest manifest = writer.rebuild("ragged", TestingDatasets.ragged(), AS_OF);

        byte[] json = ManifestJson.write(manifest);

        assertThat(ManifestJson.read(json)).isEqualTo(manifest);
        assertThat(new String(json, StandardCharsets.UTF_8))
                .contains("\"minDate\" : \"2019-12-30\"", "\"sector\" : \"GROUP\"", "\"operation\" : \"REBUILD\"");
        assertThat(catalog.manifestPath("ragged", 1).readAllBytes()).isEqualTo(json);
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** A catalog that forwards every call; tests override what they intercept. */
    static class DelegatingCatalog implements VersionCatalog {
        private final VersionCatalog delegate;

        DelegatingCatalog(VersionCatalog delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<VersionManifest> latest(String dataset) {
            return delegate.latest(dataset);
        }

        @Override
        public Optional<VersionManifest> get(String dataset, long version) {
            return delegate.get(dataset, version);
        }

        @Override
        public List<VersionManifest> list(String dataset) {
            return delegate.list(dataset);
        }

        @Override
        public void commit(String dataset, long expectedParent, VersionManifest manifest) {
            delegate.commit(dataset, expectedParent, manifest);
        }
    }
}
