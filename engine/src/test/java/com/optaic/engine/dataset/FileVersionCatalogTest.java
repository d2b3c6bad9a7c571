package com.optaic.engine.dataset;

import static com.optaic.engine.dataset.TestingDatasets.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.ErrorCategory;
import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileVersionCatalogTest {
    private static final String SHA = "0".repeat(64);

    @TempDir
    Path root;

    /** The storage root the catalog goes through: the temporary directory, here as a plain local path. */
    StorageLocation storage(Path directory) {
        return StorageLocation.local(directory);
    }

    /** A manifest whose one file (which need not exist: the catalog never opens data) is named after the writer. */
    private static VersionManifest manifest(String dataset, long version, String writer) {
        DataFile file = new DataFile(
                "data/" + writer + "/part.parquet",
                10,
                100,
                SHA,
                day("2020-01-01"),
                day("2020-01-31"),
                List.of("close"),
                1);
        return new VersionManifest(
                dataset,
                version,
                version - 1,
                VersionManifest.Operation.REBUILD,
                Instant.parse("2024-05-06T07:08:09Z"),
                day("2020-02-01"),
                Map.of("close", FieldType.NUMERIC),
                file.minDate(),
                file.maxDate(),
                file.rows(),
                List.of(file));
    }

    @Test
    void commitsAreNumberedAndListedOldestFirst() throws IOException {
        FileVersionCatalog catalog = new FileVersionCatalog(storage(root));
        assertThat(catalog.latest("d")).isEmpty();
        assertThat(catalog.list("d")).isEmpty();

        for (long version = 1; version <= 3; version++) {
            catalog.commit("d", version - 1, manifest("d", version, "w" + version));
        }

        assertThat(catalog.list("d")).extracting(VersionManifest::version).containsExactly(1L, 2L, 3L);
        assertThat(catalog.latest("d")).contains(manifest("d", 3, "w3"));
        assertThat(catalog.get("d", 2)).contains(manifest("d", 2, "w2"));
        assertThat(catalog.get("d", 4)).isEmpty();
        StorageLocation storage = catalog.root();
        assertThat(catalog.manifestPath("d", 2))
                .isEqualTo(storage.resolve("d").resolve("_versions").resolve("v000002.json"));
        assertThat(storage.resolve("d/_versions").list())
                .extracting(StorageLocation::name)
                .as("no temporary file left")
                .containsExactlyInAnyOrder("v000001.json", "v000002.json", "v000003.json");
    }

    @Test
    void ofManyCommittersOnTheSameParentExactlyOneWins() throws Exception {
        FileVersionCatalog catalog = new FileVersionCatalog(storage(root));
        catalog.commit("d", 0, manifest("d", 1, "first"));
        int writers = 8;
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        try {
            for (int round = 0; round < 10; round++) {
                long parent = catalog.latest("d").orElseThrow().version();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> commits = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    VersionManifest candidate = manifest("d", parent + 1, "round" + round + "-writer" + w);
                    commits.add(threads.submit(() -> {
                        start.await();
                        catalog.commit("d", parent, candidate);
                        return null;
                    }));
                }
                start.countDown();
                int won = 0;
                for (Future<?> commit : commits) {
                    try {
                        commit.get();
                        won++;
                    } catch (ExecutionException e) {
                        assertThat(e.getCause())
                                .isInstanceOfSatisfying(
                                        OptaicException.class,
                                        conflict ->
                                                assertThat(conflict.category()).isEqualTo(ErrorCategory.CONFLICT));
                    }
                }
                assertThat(won).as("winners of round %d", round).isEqualTo(1);
                assertThat(catalog.latest("d").orElseThrow().version()).isEqualTo(parent + 1);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(catalog.list("d")).hasSize(11);
    }

    @Test
    void ofManyCreatorsOfTheSameDirectoryExactlyOneSucceeds() throws Exception {
        StorageLocation storage = storage(root);
        StorageLocation parent = storage.resolve("d/data");
        parent.createDirectories();
        int creators = 8;
        ExecutorService threads = Executors.newFixedThreadPool(creators);
        try {
            for (int round = 0; round < 10; round++) {
                StorageLocation directory = parent.resolve("v" + round);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> creates = new ArrayList<>();
                for (int c = 0; c < creators; c++) {
                    creates.add(threads.submit(() -> {
                        start.await();
                        return directory.createDirectoryExclusively();
                    }));
                }
                start.countDown();
                int created = 0;
                for (Future<Boolean> create : creates) {
                    created += create.get() ? 1 : 0;
                }
                assertThat(created).as("creators of round %d", round).isEqualTo(1);
                assertThat(directory.isDirectory()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(parent.list())
                .extracting(StorageLocation::name)
                .as("nothing else left behind")
                .containsExactlyInAnyOrder("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9");
    }

    @Test
    void aStaleParentIsAConflictAndAWrongNumberIsABug() {
        FileVersionCatalog catalog = new FileVersionCatalog(storage(root));
        catalog.commit("d", 0, manifest("d", 1, "a"));
        catalog.commit("d", 1, manifest("d", 2, "b"));

        assertThatThrownBy(() -> catalog.commit("d", 1, manifest("d", 2, "c")))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.code()).isEqualTo(EngineErrorCode.VERSION_CONFLICT))
                .hasMessage("Cannot commit dataset 'd' version 2: it was written on version 1, but another writer "
                        + "has committed up to version 2 since; retry on the latest version");
        assertThatThrownBy(() -> catalog.commit("d", 2, manifest("d", 4, "c")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> catalog.commit("e", 2, manifest("d", 3, "c")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(catalog.get("d", 2)).contains(manifest("d", 2, "b"));
    }

    @Test
    void temporaryAndForeignFilesAreIgnoredAndACorruptManifestIsNamed() throws Exception {
        FileVersionCatalog catalog = new FileVersionCatalog(storage(root));
        catalog.commit("d", 0, manifest("d", 1, "a"));
        StorageLocation versions = catalog.root().resolve("d/_versions");
        // What a crash mid-commit leaves behind, and files that are not manifests.
        versions.resolve(".v000002.json.1234abcd.tmp").writeNew("{\"dataset\":".getBytes(StandardCharsets.UTF_8));
        versions.resolve("notes.txt").writeNew("hello".getBytes(StandardCharsets.UTF_8));
        versions.resolve("v0000002.json").writeNew("{}".getBytes(StandardCharsets.UTF_8));

        assertThat(catalog.list("d")).extracting(VersionManifest::version).containsExactly(1L);
        catalog.commit("d", 1, manifest("d", 2, "b"));
        assertThat(catalog.latest("d")).contains(manifest("d", 2, "b"));

        versions.resolve("v000003.json")
                .writeNew("{\"dataset\": \"d\", \"version\": 3".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> catalog.latest("d"))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.code()).isEqualTo(EngineErrorCode.MANIFEST_CORRUPT))
                .hasMessageContaining("dataset 'd' version 3")
                .hasMessageContaining("v000003.json");
        versions.resolve("v000003.json").deleteIfExists();
        versions.resolve("v000003.json").writeNew(ManifestJson.write(manifest("other", 3, "x")));
        assertThatThrownBy(() -> catalog.get("d", 3))
                .hasMessageContaining("describes dataset 'other' version 3, not dataset 'd' version 3");
    }
}
