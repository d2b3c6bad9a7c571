package com.optaic.cluster;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * What a Spark distribution's {@code jars/} folder would hold, taken from this JVM's class path: every jar
 * that the assembly jar does not bundle (Spark, Scala, Hadoop and their libraries). OptAIC's own classes are
 * never part of it: they reach drivers and executors as the application jar, as on any real cluster.
 */
public record SparkDistribution(Path applicationJar, List<Path> jars) {
    public SparkDistribution {
        requireNonNull(applicationJar, "applicationJar is null");
        jars = List.copyOf(jars);
    }

    /** The system property naming the assembly jar ({@code bin/optaic} and the tests set it). */
    public static final String JAR_PROPERTY = "optaic.cluster.jar";

    /** The distribution of this JVM's class path, split off by the assembly jar it runs with. */
    public static SparkDistribution ofThisJvm() {
        Path jar = assemblyJar();
        Set<String> assembly = entries(jar);
        List<Path> jars = new ArrayList<>();
        for (Path entry : jvmClassPath()) {
            String name = entry.getFileName().toString();
            if (!Files.isRegularFile(entry)
                    || !name.endsWith(".jar")
                    || name.startsWith("optaic-")
                    // a test's HDFS, not part of any Spark distribution
                    || name.startsWith("hadoop-client-minicluster")
                    || bundled(entry, assembly)) {
                continue;
            }
            jars.add(entry);
        }
        return new SparkDistribution(jar, jars);
    }

    /** The class path as Java joins it, for {@code java -cp}. */
    public String classPath(Path... extra) {
        List<String> entries = new ArrayList<>();
        for (Path path : extra) {
            entries.add(path.toString());
        }
        jars.forEach(jar -> entries.add(jar.toString()));
        return String.join(File.pathSeparator, entries);
    }

    /** Makes {@code home} a SPARK_HOME whose {@code jars/} links this distribution's jars. */
    public Path linkHome(Path home) {
        Path jarsDir = home.resolve("jars");
        try {
            Files.createDirectories(jarsDir);
            try (var existing = Files.list(jarsDir)) {
                for (Path old : existing.toList()) {
                    Files.delete(old);
                }
            }
            for (Path jar : jars) {
                Files.createSymbolicLink(jarsDir.resolve(jar.getFileName()), jar.toAbsolutePath());
            }
            Files.createDirectories(home.resolve("conf"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the Spark home " + home, e);
        }
        return home;
    }

    private static Path assemblyJar() {
        String property = System.getProperty(JAR_PROPERTY);
        Path jar;
        if (property != null && !property.isBlank()) {
            jar = Path.of(property);
        } else {
            // beside this module's classes: cluster/target/optaic-cluster-classes.jar or cluster/target/classes
            try {
                Path code = Path.of(SparkDistribution.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI());
                jar = code.resolveSibling("optaic-cluster.jar");
            } catch (URISyntaxException | SecurityException | NullPointerException e) {
                jar = Path.of("optaic-cluster.jar");
            }
        }
        if (!Files.isRegularFile(jar)) {
            throw new OptaicException(
                    ClusterErrorCode.BAD_CLUSTER_OPTION,
                    "Cannot find the OptAIC assembly jar " + jar + ": build it with mvn -B package (or name it with -D"
                            + JAR_PROPERTY + "=PATH)");
        }
        return jar.toAbsolutePath().normalize();
    }

    /** The names of the assembly's entries. */
    static Set<String> entries(Path assembly) {
        Set<String> names = new HashSet<>();
        try (JarFile jar = new JarFile(assembly.toFile())) {
            jar.stream().forEach(entry -> names.add(entry.getName()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the assembly jar " + assembly, e);
        }
        return names;
    }

    /**
     * Whether the assembly holds {@code jar}'s content: its first file outside META-INF is there (not every
     * jar carries a Maven descriptor to tell its artifact by).
     */
    static boolean bundled(Path jar, Set<String> assembly) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (!entry.isDirectory()
                        && !entry.getName().startsWith("META-INF/")
                        && !entry.getName().endsWith("module-info.class")) {
                    return assembly.contains(entry.getName());
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + jar, e);
        }
    }

    /** This JVM's class path, with the Class-Path of manifest-only jars expanded. */
    static List<Path> jvmClassPath() {
        List<Path> paths = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path path = Path.of(entry);
            paths.add(path);
            if (Files.isRegularFile(path) && entry.endsWith(".jar")) {
                paths.addAll(manifestClassPath(path));
            }
        }
        return paths;
    }

    private static List<Path> manifestClassPath(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String value =
                    manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (value == null || value.isBlank()) {
                return List.of();
            }
            List<Path> paths = new ArrayList<>();
            for (String url : value.trim().split("\\s+")) {
                try {
                    URI uri = jar.toUri().resolve(url);
                    paths.add(Path.of(uri));
                } catch (IllegalArgumentException e) {
                    // not a file URL: nothing a child JVM could use
                }
            }
            return paths;
        } catch (IOException e) {
            return List.of();
        }
    }
}
