package com.optaic.engine.dataset;

import java.nio.file.Path;

/**
 * The catalog tests again on a real HDFS (the test JVM's mini cluster): the commit race is decided by the
 * NameNode's {@code rename(tmp, manifest, Rename.NONE)}, the directory race by its rename of a private directory.
 */
class FileVersionCatalogOnHdfsTest extends FileVersionCatalogTest {
    @Override
    StorageLocation storage(Path directory) {
        return TestingHdfs.newRoot("catalog");
    }
}
