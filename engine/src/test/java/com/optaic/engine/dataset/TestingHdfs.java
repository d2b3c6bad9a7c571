package com.optaic.engine.dataset;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.DFSTestUtil;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.hdfs.protocol.ExtendedBlock;
import org.apache.hadoop.hdfs.server.datanode.metrics.DataNodeMetrics;
import org.apache.hadoop.http.HttpServer2;
import org.apache.hadoop.metrics2.lib.MutableCounterLong;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * A real HDFS for tests: one {@link MiniDFSCluster} (a NameNode and one DataNode, in this JVM) started on first use,
 * its storage under {@code target/minidfs-<pid>} of the module that runs the tests, and shut down (its storage
 * deleted) when the JUnit session of the JVM ends, by {@link SessionListener}. Each {@link #newRoot} is a fresh
 * directory on it, so tests sharing the cluster never see each other's datasets. The clients' settings are in the
 * test resources' {@code hdfs-site.xml}.
 *
 * <p>Start-up takes 9-12 s on 2 cores at load 2-4 (about 5 s of it the NameNode's web app starting from the 56 MB
 * shaded jar), 18-20 s at load 5-6; a test's files then take milliseconds each.
 */
public final class TestingHdfs {
    private static final AtomicInteger ROOTS = new AtomicInteger();
    private static MiniDFSCluster cluster;

    private TestingHdfs() {}

    /** The cluster, started on first call. */
    public static synchronized MiniDFSCluster cluster() {
        if (cluster == null) {
            File base = Path.of("target", "minidfs-" + ProcessHandle.current().pid())
                    .toAbsolutePath()
                    .toFile();
            Configuration configuration = new Configuration();
            configuration.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.getPath());
            // The web servers' scratch directories (else left in java.io.tmpdir), deleted with the storage.
            configuration.set(HttpServer2.HTTP_TEMP_DIR_KEY, new File(base, "http").getPath());
            try {
                cluster = new MiniDFSCluster.Builder(configuration, base)
                        .numDataNodes(1)
                        .storagesPerDatanode(1)
                        .format(true)
                        .build();
                cluster.waitActive();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the test HDFS under " + base, e);
            }
        }
        return cluster;
    }

    /**
     * Stops the cluster, if it runs, and deletes its storage. Not from a JVM shutdown hook: the datanode's shutdown
     * removes hooks of Hadoop's own, which fails once the JVM is shutting down.
     */
    public static synchronized void shutdown() {
        if (cluster != null) {
            cluster.shutdown(true);
            cluster = null;
        }
    }

    /** Shuts the cluster down when the JUnit session of this JVM ends (registered in META-INF/services). */
    public static final class SessionListener implements LauncherSessionListener {
        @Override
        public void launcherSessionClosed(LauncherSession session) {
            shutdown();
        }
    }

    /** {@code hdfs://localhost:<port>}, the cluster's file system URI. */
    public static String uri() {
        return "hdfs://localhost:" + cluster().getNameNodePort();
    }

    /**
     * Flips bytes of the (only) replica of the file's first block on the datanode, as bit rot would: the NameNode
     * and the file's length do not change, and HDFS's block checksums catch it on the next read.
     */
    public static void corruptFirstBlock(StorageLocation file) {
        try {
            ExtendedBlock block = DFSTestUtil.getFirstBlock(
                    cluster().getFileSystem(), new org.apache.hadoop.fs.Path(file.toString()));
            cluster().corruptReplica(0, block);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot corrupt " + file, e);
        }
    }

    /**
     * How many times the datanode has forced a block file to its disk so far (its {@code FsyncCount} metric, read
     * directly: the JMX view of it is refreshed only every 10 s).
     */
    public static long datanodeFsyncs() {
        DataNodeMetrics metrics = cluster().getDataNodes().get(0).getMetrics();
        try {
            Field count = DataNodeMetrics.class.getDeclaredField("fsyncCount");
            count.setAccessible(true);
            return ((MutableCounterLong) count.get(metrics)).value();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no FsyncCount in this Hadoop's DataNodeMetrics", e);
        }
    }

    /** A storage root that no other caller of this JVM gets: {@code hdfs://localhost:<port>/<name>-<n>-<random>}. */
    public static StorageLocation newRoot(String name) {
        String root = String.format(
                Locale.ROOT,
                "%s/%s-%d-%08x",
                uri(),
                name,
                ROOTS.incrementAndGet(),
                ThreadLocalRandom.current().nextInt());
        StorageLocation location = StorageLocation.of(root);
        try {
            location.createDirectories();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root, e);
        }
        return location;
    }
}
