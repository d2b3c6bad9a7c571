package com.optaic.engine.spark;

import com.optaic.engine.dataset.StorageLocation;
import com.optaic.engine.dataset.TestingHdfs;
import java.nio.file.Path;

/**
 * The Spark-over-a-version tests again on a real HDFS (the test JVM's mini cluster): the driver plans from the
 * files' footers and commits through the NameNode, the tasks read the input version and write their parts as DFS
 * clients given the {@code hdfs://} root.
 */
class SparkDatasetEvaluationOnHdfsIT extends SparkDatasetEvaluationIT {
    @Override
    StorageLocation storage(Path directory) {
        return TestingHdfs.newRoot("spark");
    }
}
