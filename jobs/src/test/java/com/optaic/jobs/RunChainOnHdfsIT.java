package com.optaic.jobs;

import com.optaic.engine.dataset.TestingHdfs;
import java.nio.file.Path;

/**
 * The run chain with {@code OPTAIC_STORAGE} on a real HDFS (the engine's {@link TestingHdfs} mini cluster): the same
 * content hashes as under a plain path, every file under the {@code hdfs://} root.
 */
class RunChainOnHdfsIT extends RunChainOnStorageIT {
    @Override
    String storageRoot(Path directory) {
        return TestingHdfs.newRoot("run-chain").toString();
    }
}
