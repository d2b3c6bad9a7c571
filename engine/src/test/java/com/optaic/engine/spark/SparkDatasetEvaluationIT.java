package com.optaic.engine.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.data.Panel;
import com.optaic.engine.dataset.DataFile;
import com.optaic.engine.dataset.DatasetQuery;
import com.optaic.engine.dataset.DatasetReader;
import com.optaic.engine.dataset.DatasetWriter;
import com.optaic.engine.dataset.FileVersionCatalog;
import com.optaic.engine.dataset.StorageLocation;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.engine.eval.DatasetEvaluation;
import com.optaic.engine.eval.TestingEvaluations;
import com.optaic.engine.synthetic.SyntheticMarket;
import com.optaic.operators.plan.ExpressionFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark over a dataset version: the output committed as a dataset version equals the in-process
 * {@link DatasetEvaluation} bit for bit (EMA to 1e-12), incremental runs on Spark equal a full recompute, and a
 * failed task leaves no new version.
 */
class SparkDatasetEvaluationIT {
    private static final LocalDate AS_OF = LocalDate.of(2100, 1, 1);
    private static final ExpressionFile EXPRESSIONS = TestingEvaluations.EXPRESSIONS;

    @TempDir
    Path root;

    private StorageLocation storage;
    private FileVersionCatalog catalog;
    private DatasetReader reader;
    private DatasetWriter writer;
    private SparkEvaluator spark;
    private Panel market;

    /** The storage root the datasets go through: the temporary directory, here as a plain local path. */
    StorageLocation storage(Path directory) {
        return StorageLocation.local(directory);
    }

    @BeforeEach
    void setUp() {
        storage = storage(root);
        catalog = new FileVersionCatalog(storage);
        reader = new DatasetReader(storage, catalog);
        writer = new DatasetWriter(storage, catalog);
        spark = new SparkEvaluator(TestingSpark.session());
        market = SyntheticMarket.generate(50, 420, 7); // two yearly files and some
    }

    @Test
    void sparkOverAVersionEqualsInProcessAndAppendsIncrementally() {
        writer.rebuild("market", rows(0, 300), AS_OF);
        SparkEvaluator.DatasetResult first = spark.evaluate(request("spark_out", false, 70));
        assertThat(first.output().version()).isEqualTo(1);
        assertThat(first.blocks()).hasSize(5);
        assertThat(first.datesAppended()).isEqualTo(300);
        new DatasetEvaluation(reader, writer, catalog).run("market", null, "local_out", EXPRESSIONS, false, AS_OF);
        assertSameValues(
                reader.readPanel("spark_out", DatasetQuery.all()), reader.readPanel("local_out", DatasetQuery.all()));

        writer.append("market", rows(300, 301), AS_OF); // a nightly day
        SparkEvaluator.DatasetResult nightly = spark.evaluate(request("spark_out", false, 0));
        assertThat(nightly.datesAppended()).isEqualTo(1);
        assertThat(nightly.rowsAdded()).isEqualTo(50);
        assertThat(nightly.blocks()).hasSize(1);
        assertThat(nightly.blocks().get(0).computeRows()).isLessThan(301); // the halo, not the history
        assertThat(nightly.output().version()).isEqualTo(2);
        assertThat(nightly.output().files().subList(0, first.output().files().size()))
                .isEqualTo(first.output().files());
        assertThat(nightly.output().files()).hasSize(first.output().files().size() + 1);

        writer.append("market", rows(301, 420), AS_OF);
        SparkEvaluator.DatasetResult later = spark.evaluate(request("spark_out", false, 40));
        assertThat(later.datesAppended()).isEqualTo(119);
        SparkEvaluator.DatasetResult again = spark.evaluate(request("spark_out", false, 0));
        assertThat(again.rowsAdded()).isZero();
        assertThat(again.output()).isEqualTo(later.output());

        new DatasetEvaluation(reader, writer, catalog).run("market", null, "full", EXPRESSIONS, true, AS_OF);
        assertSameValues(
                reader.readPanel("spark_out", DatasetQuery.all()), reader.readPanel("full", DatasetQuery.all()));
    }

    @Test
    void withoutABlockSizeEachTaskWritesTheYearFileTheInProcessWriterWritesByteForByte() {
        // No EMA: its Spark blocks start after a finite warm-up, 1e-15 from the whole-history value, other bytes.
        ExpressionFile finite = ExpressionFile.parse(
                "finite",
                String.join(
                        "\n",
                        TestingEvaluations.EXPRESSION_LINES.stream()
                                .filter(line -> !line.startsWith("ema"))
                                .toList()));
        writer.rebuild("market", rows(0, 300), AS_OF);
        SparkEvaluator.DatasetResult whole = spark.evaluate(new SparkEvaluator.DatasetRequest(
                storage, catalog, "market", null, "spark_out", finite, true, AS_OF, 0));
        assertThat(whole.blocks()).hasSize(2); // 2010 and 2011: one task per year
        new DatasetEvaluation(reader, writer, catalog).run("market", null, "local_out", finite, true, AS_OF);
        assertThat(checksums("spark_out")).hasSize(2).isEqualTo(checksums("local_out"));

        writer.append("market", rows(300, 301), AS_OF);
        spark.evaluate(new SparkEvaluator.DatasetRequest(
                storage, catalog, "market", null, "spark_out", finite, false, AS_OF, 0));
        new DatasetEvaluation(reader, writer, catalog).run("market", null, "local_out", finite, false, AS_OF);
        assertThat(checksums("spark_out")).hasSize(3).isEqualTo(checksums("local_out"));
    }

    private List<String> checksums(String dataset) {
        return catalog.latest(dataset).orElseThrow().files().stream()
                .map(DataFile::sha256)
                .toList();
    }

    @Test
    void aDateRangeWritesOnlyItsDatesAndARangeWithoutRowsNoVersion() throws IOException {
        writer.rebuild("market", rows(0, 300), AS_OF);
        spark.evaluate(request("whole", true, 70));
        LocalDate from = market.date(100);
        LocalDate to = market.date(179);
        SparkEvaluator.DatasetResult ranged =
                spark.evaluate(request("ranged", true, 30).withRange(from, to));
        assertThat(ranged.datesAppended()).isEqualTo(80);
        assertThat(ranged.output().minDate()).isEqualTo(from);
        assertThat(ranged.output().maxDate()).isEqualTo(to);
        assertSameValues(
                reader.readPanel("ranged", DatasetQuery.all()),
                reader.readPanel("whole", DatasetQuery.all().between(from, to)));

        assertThatThrownBy(() -> spark.evaluate(
                        request("none", true, 0).withRange(LocalDate.of(1990, 1, 1), LocalDate.of(1990, 12, 31))))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.code()).isEqualTo(EngineErrorCode.NO_ROWS));
        assertThat(catalog.latest("none")).isEmpty();
        assertThat(dataDirectories("none")).isEmpty();
    }

    @Test
    void aFailedTaskLeavesNoNewVersion() throws IOException {
        writer.rebuild("market", rows(0, 300), AS_OF);
        VersionManifest good = spark.evaluate(request("out", false, 60)).output();
        List<String> directoriesBefore = dataDirectories("out");

        // Version 2 of the input, whose second file has a broken page header in its 'close' column: the driver
        // plans (it reads only footers and date dictionaries), the blocks of the first year succeed, the others fail.
        VersionManifest input = writer.rebuild("market", rows(0, 300), AS_OF);
        // Rewritten whole, as files on HDFS can only be.
        StorageLocation broken =
                storage.resolve("market").resolve(input.files().get(1).path());
        byte[] original = broken.readAllBytes();
        byte[] damaged = original.clone();
        Arrays.fill(
                damaged,
                Math.toIntExact(columnStart(broken, "close")),
                Math.toIntExact(columnStart(broken, "close")) + 32,
                (byte) 0xFF);
        replace(broken, damaged);
        assertThatThrownBy(() -> spark.evaluate(request("out", true, 60)))
                .isInstanceOf(OptaicException.class)
                .hasMessageContaining(broken.name())
                .hasMessageContaining("(block ");
        assertThat(catalog.latest("out")).contains(good);
        assertThat(catalog.list("out")).hasSize(1);
        assertThat(dataDirectories("out")).isEqualTo(directoriesBefore);

        replace(broken, original); // the retry succeeds
        assertThat(spark.evaluate(request("out", true, 60)).output().version()).isEqualTo(2);
    }

    private SparkEvaluator.DatasetRequest request(String output, boolean rebuild, int blockDates) {
        return new SparkEvaluator.DatasetRequest(
                storage, catalog, "market", null, output, EXPRESSIONS, rebuild, AS_OF, blockDates);
    }

    private Panel rows(int from, int to) {
        return market.rows(from, to);
    }

    private List<String> dataDirectories(String dataset) throws IOException {
        return storage.resolve(dataset).resolve(DatasetWriter.DATA_DIRECTORY).list().stream()
                .map(StorageLocation::name)
                .sorted()
                .toList();
    }

    private static void replace(StorageLocation file, byte[] bytes) throws IOException {
        file.deleteIfExists();
        file.writeNew(bytes);
    }

    private static long columnStart(StorageLocation file, String column) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(file.inputFile())) {
            for (ColumnChunkMetaData chunk :
                    reader.getFooter().getBlocks().get(0).getColumns()) {
                if (chunk.getPath().toDotString().equals(column)) {
                    return chunk.getStartingPos();
                }
            }
        }
        throw new IllegalStateException("no column " + column);
    }

    /** Every cell bit for bit, except EMA to 1e-12 relative (the Spark blocks read it with a warm-up). */
    private static void assertSameValues(Panel actual, Panel expected) {
        assertThat(TestingEvaluations.differences(actual, expected, java.util.Set.of("ema")))
                .isEmpty();
    }
}
