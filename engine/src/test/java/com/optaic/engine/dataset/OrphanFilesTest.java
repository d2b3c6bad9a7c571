package com.optaic.engine.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link OrphanFiles} takes for a leftover, and what it leaves alone because OptAIC did not name it so. */
class OrphanFilesTest {
    @TempDir
    Path root;

    @Test
    void anEmptyAbandonedWriteDirectoryGoesAndForeignNamesStay() throws IOException {
        StorageLocation storage = StorageLocation.local(root);
        FileVersionCatalog catalog = new FileVersionCatalog(storage);
        new DatasetWriter(storage, catalog)
                .rebuild("prices", TestingDatasets.rows(TestingDatasets.market(), 0, 30), LocalDate.of(2030, 1, 1));
        Path data = root.resolve("prices/data");
        Path empty = Files.createDirectories(data.resolve("v000001-0badf00d")); // version 1 is committed elsewhere
        Path notOurs = Files.createDirectories(data.resolve("v000001-backup"));
        Path mine = Files.writeString(notOurs.resolve("part-x.parquet"), "x", StandardCharsets.UTF_8);
        Path hidden = Files.writeString(data.resolve(".notes.txt"), "x", StandardCharsets.UTF_8);

        OrphanFiles orphanFiles = new OrphanFiles(storage, catalog);
        List<OrphanFiles.Orphan> orphans = orphanFiles.find(Instant.now());
        assertThat(orphans).extracting(OrphanFiles.Orphan::path).containsExactly("prices/data/v000001-0badf00d");
        orphanFiles.delete(orphans);
        assertThat(empty).doesNotExist();
        assertThat(mine).exists();
        assertThat(hidden).exists();
        assertThat(catalog.latest("prices")).isPresent();
        assertThat(new DatasetReader(storage, catalog)
                        .readPanel("prices", DatasetQuery.all())
                        .dateCount())
                .isEqualTo(30);
    }
}
