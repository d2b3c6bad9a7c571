package com.optaic.cluster;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The Spark, Scala (binary) and Hadoop versions of a class path. The assembly jar carries no Spark, Scala or
 * Hadoop, so on a cluster these are the cluster's; they must equal the ones OptAIC is built against, since a
 * mismatch shows only later, as a {@code NoSuchMethodError} inside a task.
 */
public record BuildVersions(String spark, String scalaBinary, String hadoop) {
    public BuildVersions {
        requireNonNull(spark, "spark is null");
        requireNonNull(scalaBinary, "scalaBinary is null");
        requireNonNull(hadoop, "hadoop is null");
    }

    /** The versions OptAIC is built against (recorded by the build). */
    public static BuildVersions built() {
        Properties properties = load(BuildVersions.class, "build-versions.properties");
        return new BuildVersions(
                properties.getProperty("spark"),
                properties.getProperty("scala.binary"),
                properties.getProperty("hadoop"));
    }

    /** The versions of the Spark, Scala and Hadoop this JVM runs. */
    public static BuildVersions running() {
        Properties spark = load(BuildVersions.class, "/spark-version-info.properties");
        String scalaVersion = scala.util.Properties.versionNumberString();
        String scalaBinary = scalaVersion.chars().filter(c -> c == '.').count() >= 2
                ? scalaVersion.substring(0, scalaVersion.lastIndexOf('.'))
                : scalaVersion;
        return new BuildVersions(
                spark.getProperty("version", "unknown"), scalaBinary, org.apache.hadoop.util.VersionInfo.getVersion());
    }

    /** One line per version that differs from {@code expected}, naming both. */
    public List<String> mismatches(BuildVersions expected) {
        List<String> lines = new ArrayList<>();
        compare(lines, "Spark", expected.spark, spark);
        compare(lines, "Scala", expected.scalaBinary, scalaBinary);
        compare(lines, "Hadoop", expected.hadoop, hadoop);
        return lines;
    }

    /** Fails with the differences when this JVM's versions are not the ones OptAIC is built against. */
    public static void requireRunningAsBuilt() {
        BuildVersions built = built();
        List<String> mismatches = running().mismatches(built);
        if (!mismatches.isEmpty()) {
            throw new OptaicException(
                    ClusterErrorCode.VERSION_MISMATCH,
                    "Cannot run OptAIC on this Spark: "
                            + String.join("; ", mismatches) + " (run a cluster of Spark " + built.spark + ", Scala "
                            + built.scalaBinary + ", Hadoop " + built.hadoop + ")");
        }
    }

    private static void compare(List<String> lines, String name, String expected, String actual) {
        if (!expected.equals(actual)) {
            lines.add(name + " is " + actual + ", OptAIC is built against " + expected);
        }
    }

    private static Properties load(Class<?> anchor, String resource) {
        Properties properties = new Properties();
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new OptaicException(
                        ClusterErrorCode.VERSION_MISMATCH,
                        "Cannot find " + resource + " on the class path: is Spark on it?");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
