package com.optaic.engine.dataset;

import java.nio.file.Path;

/**
 * The SIGKILL test again on a real HDFS: the killed writer process is a second DFS client of the test JVM's mini
 * cluster, given the {@code hdfs://} root; its ready file and log stay in the local temporary directory.
 */
class CrashSafetyOnHdfsTest extends CrashSafetyTest {
    @Override
    StorageLocation storage(Path directory) {
        return TestingHdfs.newRoot("crash");
    }
}
