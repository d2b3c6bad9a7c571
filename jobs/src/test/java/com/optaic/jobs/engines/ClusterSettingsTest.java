package com.optaic.jobs.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSettingsTest {
    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        System.clearProperty(ClusterSettings.JAR_PROPERTY);
        System.clearProperty("spark.hadoop.dfs.replication");
    }

    @Test
    void aLocalMasterNeedsNothing() {
        assertThat(ClusterSettings.forMaster("local[2]", Map.of("HADOOP_CONF_DIR", dir.toString())))
                .isEmpty();
    }

    @Test
    void aClusterMasterShipsTheApplicationJarAndTheHadoopSettings() throws IOException {
        Path jar = Files.writeString(dir.resolve("optaic-cluster.jar"), "not read");
        System.setProperty(ClusterSettings.JAR_PROPERTY, jar.toString());
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(
                conf.resolve("core-site.xml"),
                "<configuration><property><name>fs.defaultFS</name><value>hdfs://ns1</value></property>"
                        + "</configuration>",
                StandardCharsets.UTF_8);
        Files.writeString(
                conf.resolve("hdfs-site.xml"),
                "<configuration><property><name>dfs.nameservices</name><value>ns1</value></property>"
                        + "<property><name>dfs.replication</name><value>2</value></property></configuration>",
                StandardCharsets.UTF_8);
        System.setProperty("spark.hadoop.dfs.replication", "1");

        Map<String, String> settings =
                ClusterSettings.forMaster("spark://127.0.0.1:7077", Map.of("HADOOP_CONF_DIR", conf.toString()));

        assertThat(settings)
                .containsEntry("spark.jars", jar.toAbsolutePath().toString())
                .containsEntry("spark.hadoop.fs.defaultFS", "hdfs://ns1")
                .containsEntry("spark.hadoop.dfs.nameservices", "ns1")
                .as("a system property spark.hadoop.K wins over the file")
                .doesNotContainKey("spark.hadoop.dfs.replication");
    }

    @Test
    void withoutTheApplicationJarAClusterRunIsAUserError() {
        System.setProperty(
                ClusterSettings.JAR_PROPERTY, dir.resolve("missing.jar").toString());
        assertThatThrownBy(() -> ClusterSettings.forMaster("yarn", Map.of()))
                .isInstanceOf(OptaicException.class)
                .hasMessageContaining("Cannot run on Spark master 'yarn' without OptAIC's application jar")
                .hasMessageContaining("missing.jar, which is not a file")
                .satisfies(e -> assertThat(((OptaicException) e).code()).isEqualTo(JobsErrorCode.NO_APPLICATION_JAR));
        System.clearProperty(ClusterSettings.JAR_PROPERTY);
        // the test class path runs from target/classes, not from the assembly jar
        assertThatThrownBy(() -> ClusterSettings.forMaster("k8s://https://k8s:443", Map.of()))
                .hasMessageContaining("this process was not started from it");
    }
}
