package com.optaic.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One Spark standalone cluster per test JVM (a master and two workers of 1 core and 1 GiB on 127.0.0.1),
 * started by the same code as {@code optaic cluster start} on first use and stopped when the JVM exits.
 */
final class TestingCluster {
    private static StandaloneCluster cluster;
    private static ClusterState state;

    private TestingCluster() {}

    static synchronized ClusterState state() {
        if (state == null) {
            try {
                Path directory = Files.createTempDirectory("optaic-cluster-it");
                cluster = new StandaloneCluster(directory);
                Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "stop-testing-cluster"));
                long t0 = System.nanoTime();
                state = cluster.start(
                        new StandaloneCluster.Spec(2, 1, 1024, Duration.ofSeconds(180)), SparkDistribution.ofThisJvm());
                System.err.printf(
                        "testing cluster %s started in %.1f s%n", state.master(), (System.nanoTime() - t0) / 1e9);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return state;
    }

    static synchronized StandaloneCluster cluster() {
        state();
        return cluster;
    }
}
