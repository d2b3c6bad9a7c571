package com.optaic.jobs.engines;

import com.optaic.common.OptaicException;
import com.optaic.engine.spark.SparkSessions;
import com.optaic.jobs.JobsErrorCode;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;

/**
 * The Spark settings a driver in this process adds for a cluster master ({@code spark://}, {@code yarn},
 * {@code k8s://}; none for {@code local[...]}), so that its executors, other JVMs, can run a run's tasks:
 *
 * <ul>
 *   <li>{@code spark.jars}: OptAIC's application jar (the assembly {@code optaic-cluster.jar}, named by the system
 *       property {@value #JAR_PROPERTY} as {@code bin/optaic} sets it, else the jar this class was loaded from if it
 *       is that assembly). Executors get OptAIC's classes only that way. Not added when spark-submit already set
 *       {@code spark.jars} (it names the application jar there).
 *   <li>{@code spark.hadoop.K=V} for every property of {@code $HADOOP_CONF_DIR/core-site.xml} and
 *       {@code hdfs-site.xml}: the executors' storage clients apply them (see the engine's HadoopStorageLocation), so
 *       a storage root on HDFS or an object store resolves there as on the driver. A {@code spark.hadoop.K} given as
 *       a system property ({@code JAVA_OPTS=-Dspark.hadoop.K=V}) wins.
 * </ul>
 *
 * Anything else (driver host, executor memory, ...) is Spark's own configuration: {@code -Dspark.K=V} system
 * properties, which every Spark session of the process reads. Nothing cluster-specific is set here.
 */
public final class ClusterSettings {
    /** The system property naming the application jar ({@code bin/optaic} and the cluster tests set it). */
    public static final String JAR_PROPERTY = "optaic.cluster.jar";

    private static final List<String> HADOOP_FILES = List.of("core-site.xml", "hdfs-site.xml");

    private ClusterSettings() {}

    /** The settings for a session on {@code master}; empty for a local master. */
    public static Map<String, String> forMaster(String master, Map<String, String> environment) {
        Map<String, String> settings = new TreeMap<>();
        if (SparkSessions.isLocal(master)) {
            return settings;
        }
        if (blank(System.getProperty("spark.jars"))) {
            settings.put("spark.jars", applicationJar(master).toString());
        }
        Optional.ofNullable(environment.get("HADOOP_CONF_DIR"))
                .filter(dir -> !dir.isBlank())
                .ifPresent(dir -> hadoopSettings(Path.of(dir), settings));
        return settings;
    }

    /** The assembly jar to ship, or a user error saying how to build or name it. */
    static Path applicationJar(String master) {
        String property = System.getProperty(JAR_PROPERTY);
        if (!blank(property)) {
            Path jar = Path.of(property);
            if (Files.isRegularFile(jar)) {
                return jar.toAbsolutePath().normalize();
            }
            throw noJar(master, "-D" + JAR_PROPERTY + " names " + jar + ", which is not a file");
        }
        return loadedFrom()
                .filter(jar -> jar.getFileName().toString().startsWith("optaic-cluster")
                        && jar.getFileName().toString().endsWith(".jar")
                        && !jar.getFileName().toString().startsWith("optaic-cluster-classes"))
                .orElseThrow(() ->
                        noJar(master, "this process was not started from it and -D" + JAR_PROPERTY + " is not set"));
    }

    private static OptaicException noJar(String master, String why) {
        return new OptaicException(
                JobsErrorCode.NO_APPLICATION_JAR,
                "Cannot run on Spark master '" + master + "' without OptAIC's application jar (" + why
                        + "): build cluster/target/optaic-cluster.jar with mvn -B package and start with bin/optaic,"
                        + " or set -D" + JAR_PROPERTY + "=PATH");
    }

    private static Optional<Path> loadedFrom() {
        try {
            Path code = Path.of(ClusterSettings.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return Files.isRegularFile(code) ? Optional.of(code.toAbsolutePath()) : Optional.empty();
        } catch (URISyntaxException | SecurityException | NullPointerException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void hadoopSettings(Path directory, Map<String, String> settings) {
        for (String name : HADOOP_FILES) {
            Path file = directory.resolve(name);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            Configuration configuration = new Configuration(false);
            configuration.addResource(new org.apache.hadoop.fs.Path(file.toUri()));
            for (Map.Entry<String, String> entry : configuration) {
                String key = "spark.hadoop." + entry.getKey();
                if (System.getProperty(key) == null) {
                    settings.put(key, entry.getValue());
                }
            }
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
