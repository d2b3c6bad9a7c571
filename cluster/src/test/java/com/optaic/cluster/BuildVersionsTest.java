package com.optaic.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.OptaicException;
import org.junit.jupiter.api.Test;

class BuildVersionsTest {
    @Test
    void theTestClassPathRunsTheVersionsTheBuildRecorded() {
        // spark-core's own spark-version-info.properties and Hadoop's VersionInfo, against the pom's properties
        assertThat(BuildVersions.running()).isEqualTo(new BuildVersions("4.2.0", "2.13", "3.5.0"));
        assertThat(BuildVersions.built()).isEqualTo(new BuildVersions("4.2.0", "2.13", "3.5.0"));
        BuildVersions.requireRunningAsBuilt();
    }

    @Test
    void eachDifferingVersionIsNamedWithBoth() {
        BuildVersions cluster = new BuildVersions("3.5.1", "2.12", "3.5.0");
        assertThat(cluster.mismatches(new BuildVersions("4.2.0", "2.13", "3.5.0")))
                .containsExactly(
                        "Spark is 3.5.1, OptAIC is built against 4.2.0", "Scala is 2.12, OptAIC is built against 2.13");
        assertThat(cluster.mismatches(cluster)).isEmpty();
    }

    @Test
    void memoryIsReadInMebibytes() {
        assertThat(ClusterCommand.memoryMb("512m")).isEqualTo(512);
        assertThat(ClusterCommand.memoryMb("2G")).isEqualTo(2048);
        assertThat(ClusterCommand.memoryMb("300")).isEqualTo(300);
        assertThatThrownBy(() -> ClusterCommand.memoryMb("lots"))
                .isInstanceOf(OptaicException.class)
                .hasMessageContaining("Cannot read --memory 'lots'");
    }
}
