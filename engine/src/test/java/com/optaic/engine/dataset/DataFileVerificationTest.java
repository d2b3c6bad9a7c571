package com.optaic.engine.dataset;

import static com.optaic.engine.dataset.TestingDatasets.assertSamePanel;
import static com.optaic.engine.dataset.TestingDatasets.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.data.Panel;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two bytes changed inside one value of a committed data file (same size, still valid Parquet: without
 * verification the read returns one wrong number) make every read of the version fail with DATA_FILE_CORRUPT
 * naming the file: the catalog reader and the reader Spark tasks use.
 */
class DataFileVerificationTest {
    private static final LocalDate AS_OF = LocalDate.of(2030, 1, 1);

    @TempDir
    Path root;

    private FileVersionCatalog catalog;
    private Panel market;
    private Path corrupted;

    @BeforeEach
    void writeAndCorrupt() throws IOException {
        StorageLocation storage = StorageLocation.local(root);
        catalog = new FileVersionCatalog(storage);
        market = TestingDatasets.market();
        new DatasetWriter(storage, catalog).rebuild("prices", rows(market, 0, 700), AS_OF);
        DatasetReader reader = new DatasetReader(root, catalog);
        // A good read first: the process has verified (and remembered) every file before the change.
        assertSamePanel(reader.readPanel("prices", DatasetQuery.all()), rows(market, 0, 700));
        String first = catalog.latest("prices").orElseThrow().files().get(0).path();
        corrupted = root.resolve("prices").resolve(first);
        FileTime before = Files.getLastModifiedTime(corrupted);
        changeLastValue(corrupted, "close");
        // A file rewritten in place gets a new modification time; make sure of it on coarse-grained file systems.
        Files.setLastModifiedTime(corrupted, FileTime.fromMillis(before.toMillis() + 2_000));
    }

    @Test
    void theUnverifiedReadShowsTheChangeIsSilent() {
        Panel unverified = new DatasetReader(root, catalog, false).readPanel("prices", DatasetQuery.all());
        assertThat(unverified.presentCount()).isEqualTo(rows(market, 0, 700).presentCount());
        assertThatThrownBy(() -> assertSamePanel(unverified, rows(market, 0, 700)))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aReadOfTheVersionFailsNamingTheFile() {
        assertCorrupt(() -> new DatasetReader(root, catalog).readPanel("prices", DatasetQuery.all()));
        // Again in the same process: a corrupt file is never remembered as verified.
        assertCorrupt(() -> new DatasetReader(root, catalog).readPanel("prices", DatasetQuery.all()));
    }

    @Test
    void theReaderSparkTasksUseFailsToo() {
        VersionManifest manifest = catalog.latest("prices").orElseThrow();
        assertCorrupt(() ->
                DatasetReader.ofResolvedVersions(StorageLocation.local(root)).read(manifest, DatasetQuery.all()));
    }

    @Test
    void aFileRestoredToItsCommittedBytesReadsAgain() throws IOException {
        assertCorrupt(() -> new DatasetReader(root, catalog).readPanel("prices", DatasetQuery.all()));
        changeLastValue(corrupted, "close"); // XOR again: the committed bytes
        Files.setLastModifiedTime(
                corrupted,
                FileTime.fromMillis(Files.getLastModifiedTime(corrupted).toMillis() + 2_000));
        assertSamePanel(new DatasetReader(root, catalog).readPanel("prices", DatasetQuery.all()), rows(market, 0, 700));
    }

    private void assertCorrupt(Runnable read) {
        assertThatThrownBy(read::run)
                .isInstanceOf(OptaicException.class)
                .satisfies(e -> assertThat(((OptaicException) e).code()).isEqualTo(EngineErrorCode.DATA_FILE_CORRUPT))
                .hasMessageContaining(corrupted.getFileName().toString())
                .hasMessageContaining("SHA-256");
    }

    /**
     * Flips two middle bytes of the column's last PLAIN double in the first row group (the files are
     * uncompressed, so the chunk's last eight bytes are that value): the file stays valid Parquet of the same size.
     */
    static void changeLastValue(Path file, String column) throws IOException {
        long end;
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            ColumnChunkMetaData chunk = reader.getFooter().getBlocks().get(0).getColumns().stream()
                    .filter(c -> c.getPath().toDotString().equals(column))
                    .findFirst()
                    .orElseThrow();
            end = chunk.getStartingPos() + chunk.getTotalSize();
        }
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek(end - 5);
            int a = raw.read();
            int b = raw.read();
            raw.seek(end - 5);
            raw.write(a ^ 0x10);
            raw.write(b ^ 0x01);
        }
    }
}
