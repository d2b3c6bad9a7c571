package com.optaic.engine.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.ErrorCategory;
import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The catalog tests again with a {@code file://} root through Hadoop, and the roots the catalog refuses. */
class FileVersionCatalogOnHadoopTest extends FileVersionCatalogTest {
    @Override
    StorageLocation storage(Path directory) {
        return HadoopStorage.fileUri(directory);
    }

    @Test
    void objectStoreRootsAreRefusedPointingToTheMetadataStoreCatalog() {
        for (String root :
                new String[] {"s3a://bucket/datasets", "gs://bucket/datasets", "abfs://c@a.dfs.core.windows.net/d"}) {
            assertThatThrownBy(() -> new FileVersionCatalog(StorageLocation.of(root)))
                    .isInstanceOfSatisfying(OptaicException.class, e -> {
                        assertThat(e.code()).isEqualTo(EngineErrorCode.UNSUPPORTED_STORAGE);
                        assertThat(e.category()).isEqualTo(ErrorCategory.USER_ERROR);
                    })
                    .hasMessageContaining(root)
                    .hasMessageContaining("atomic non-replacing rename")
                    .hasMessageContaining("metadata-store catalog");
        }
    }

    @Test
    void anUnknownHdfsHostIsAUserErrorNamingIt() {
        FileVersionCatalog catalog = new FileVersionCatalog(StorageLocation.of("hdfs://no-such-nameservice/datasets"));
        assertThatThrownBy(() -> catalog.latest("prices"))
                .isInstanceOfSatisfying(OptaicException.class, e -> {
                    assertThat(e.code()).isEqualTo(EngineErrorCode.UNSUPPORTED_STORAGE);
                    assertThat(e.category()).isEqualTo(ErrorCategory.USER_ERROR);
                })
                .hasMessageStartingWith("Cannot use 'hdfs://no-such-nameservice/datasets/prices/_versions': unknown"
                        + " host 'no-such-nameservice'")
                .hasMessageContaining("HADOOP_CONF_DIR");
    }

    @Test
    void plainPathsStayLocalAndUrisGoThroughHadoop() {
        assertThat(StorageLocation.of("/tmp/data")).isEqualTo(StorageLocation.local(Path.of("/tmp/data")));
        assertThat(StorageLocation.of("relative/dir")).isInstanceOf(LocalStorageLocation.class);
        assertThat(StorageLocation.of("file:///tmp/data"))
                .isInstanceOf(HadoopStorageLocation.class)
                .hasToString("file:/tmp/data");
        assertThat(StorageLocation.of("hdfs://namenode:8020/datasets").scheme()).isEqualTo("hdfs");
        assertThatThrownBy(() -> StorageLocation.of("nosuchfs://host/datasets"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no Hadoop FileSystem for scheme 'nosuchfs' on the class path");
    }
}
