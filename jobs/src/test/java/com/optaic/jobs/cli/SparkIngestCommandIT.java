package com.optaic.jobs.cli;

import static com.optaic.jobs.cli.TestingCli.optaic;
import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.engine.dataset.FileVersionCatalog;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.engine.spark.SparkSessions;
import com.optaic.jobs.cli.TestingCli.Result;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code optaic ingest --engine spark} writes the bytes the in-process engine writes, first version and append. */
class SparkIngestCommandIT {
    @TempDir
    Path dir;

    @Test
    void sparkAndLocalWriteTheSameFiles() {
        SparkSession spark = SparkSessions.getOrCreate("local[2]");
        try {
            for (String days : new String[] {"60x400:3", "60x401:3"}) {
                Result onSpark = optaic(
                        "ingest",
                        "--dataset",
                        "m",
                        "--synthetic",
                        days,
                        "--ragged",
                        "--tasks",
                        "3",
                        "--engine",
                        "spark",
                        "--master",
                        "local[2]",
                        "--root",
                        dir.resolve("spark").toString());
                assertThat(onSpark.exitCode()).as(onSpark.err()).isZero();
                assertThat(onSpark.out()).contains("tasks on spark");
                Result local = optaic(
                        "ingest",
                        "--dataset",
                        "m",
                        "--synthetic",
                        days,
                        "--ragged",
                        "--root",
                        dir.resolve("local").toString());
                assertThat(local.exitCode()).as(local.err()).isZero();
            }
        } finally {
            spark.stop();
        }
        VersionManifest onSpark =
                new FileVersionCatalog(dir.resolve("spark")).latest("m").orElseThrow();
        VersionManifest local =
                new FileVersionCatalog(dir.resolve("local")).latest("m").orElseThrow();
        assertThat(onSpark.version()).isEqualTo(2);
        assertThat(IngestCommandTest.checksums(onSpark))
                .isEqualTo(IngestCommandTest.checksums(local))
                .hasSizeGreaterThan(2);
    }
}
