package com.optaic.engine.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Every dataset test again on a real HDFS (the test JVM's mini cluster): files go through the DFS client and a
 * datanode, commits through the NameNode's non-replacing rename. HDFS files cannot be changed in place, so the
 * changed byte is bit rot in the block replica on the datanode, which HDFS's own block checksums catch on read.
 */
class DatasetVersionsOnHdfsTest extends DatasetVersionsTest {
    @Override
    StorageLocation storage(Path directory) {
        return TestingHdfs.newRoot("datasets");
    }

    @Override
    String checksumFailureWords() {
        return "fails the file system's checksum";
    }

    @Override
    void changeOneByte(String pathUnderRoot) {
        TestingHdfs.corruptFirstBlock(storage.resolve(pathUnderRoot));
    }

    @Test
    void theDataFilesAreOnTheDatanodesDiskBeforeTheManifestIsCommitted() {
        AtomicLong fsyncsAtCommit = new AtomicLong(-1);
        VersionCatalog observing = new DelegatingCatalog(catalog) {
            @Override
            public void commit(String dataset, long expectedParent, VersionManifest manifest) {
                fsyncsAtCommit.set(TestingHdfs.datanodeFsyncs());
                super.commit(dataset, expectedParent, manifest);
            }
        };
        long before = TestingHdfs.datanodeFsyncs();

        VersionManifest manifest = new DatasetWriter(storage, observing)
                .rebuild("prices", TestingDatasets.market(), LocalDate.of(2030, 1, 1));

        // One block per (small) file, each forced when its stream closed; then the manifest's.
        assertThat(manifest.files()).hasSize(4);
        assertThat(fsyncsAtCommit.get() - before).as("fsyncs before the commit").isEqualTo(4);
        assertThat(TestingHdfs.datanodeFsyncs() - before)
                .as("fsyncs with the manifest's")
                .isEqualTo(5);
    }
}
