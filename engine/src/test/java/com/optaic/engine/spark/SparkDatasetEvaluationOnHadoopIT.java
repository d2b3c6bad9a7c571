package com.optaic.engine.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.engine.dataset.StorageLocation;
import java.nio.file.Path;

/**
 * The Spark-over-a-version tests again with the storage root as a {@code file://} URI: the driver plans and
 * commits, and the tasks read and write their parts, through Hadoop's checksummed LocalFileSystem.
 */
class SparkDatasetEvaluationOnHadoopIT extends SparkDatasetEvaluationIT {
    @Override
    StorageLocation storage(Path directory) {
        StorageLocation location = StorageLocation.of(directory.toUri().toString());
        assertThat(location.localPath())
                .as("a Hadoop location, not a plain path")
                .isEmpty();
        return location;
    }
}
