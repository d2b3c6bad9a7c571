package com.optaic.engine.spark;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * Starts the Spark session the engine runs on. A JVM holds at most one; asking for the master it already
 * runs returns it. Local masters ({@code local}, {@code local[N]}, {@code local[*]}) bind to the loopback
 * address and run without the web UI and the console progress bar, so a command line stays quiet.
 */
public final class SparkSessions {
    private static final String LOOPBACK = "127.0.0.1";

    private SparkSessions() {}

    /** The running session if it has this master, else a new one; fails if another master runs here. */
    public static SparkSession getOrCreate(String master) {
        return getOrCreate(master, Map.of());
    }

    /**
     * As {@link #getOrCreate(String)}, a new session also taking {@code settings} (Spark configuration entries such
     * as {@code spark.jars}; a running session keeps its own).
     */
    public static SparkSession getOrCreate(String master, Map<String, String> settings) {
        requireNonNull(master, "master is null");
        requireNonNull(settings, "settings is null");
        scala.Option<SparkSession> running = SparkSession.getDefaultSession();
        if (running.isDefined() && !running.get().sparkContext().isStopped()) {
            String current = running.get().sparkContext().master();
            if (!current.equals(master)) {
                throw new OptaicException(
                        EngineErrorCode.SPARK_SESSION_RUNNING,
                        "Cannot start Spark with master '" + master + "': this process already runs Spark with master '"
                                + current + "'");
            }
            return running.get();
        }
        SparkSession.Builder builder =
                SparkSession.builder().appName("optaic").master(master).config("spark.ui.showConsoleProgress", "false");
        settings.forEach(builder::config);
        if (isLocal(master)) {
            // The executor of a local master is this JVM: name it by the loopback address, as
            // SPARK_LOCAL_HOSTNAME would, rather than have Spark resolve (and warn about) the host name.
            org.apache.spark.util.Utils.setCustomHostname(LOOPBACK);
            builder.config("spark.ui.enabled", "false")
                    .config("spark.driver.host", LOOPBACK)
                    .config("spark.driver.bindAddress", LOOPBACK);
        }
        return builder.getOrCreate();
    }

    /**
     * Runs {@code work} on the session of {@code master} ({@link #getOrCreate}) and stops that session afterwards if
     * this call started it: a command's Spark work, leaving a session the process already ran as it was.
     */
    public static <T> T withSession(String master, Function<SparkSession, T> work) {
        boolean started = !isRunning();
        SparkSession spark = getOrCreate(master);
        try {
            return work.apply(spark);
        } finally {
            if (started) {
                spark.stop();
            }
        }
    }

    /**
     * The master of a command that names none: the one spark-submit gave this JVM (its {@code spark.master}
     * system property), else {@code local[*]}.
     */
    public static String defaultMaster() {
        String submitted = System.getProperty("spark.master");
        return submitted == null || submitted.isBlank() ? "local[*]" : submitted;
    }

    /** Whether a master URL runs Spark inside this JVM. */
    public static boolean isLocal(String master) {
        return master.equals("local") || master.startsWith("local[");
    }

    /** Whether this process is already running a Spark session (so a command should not stop it). */
    public static boolean isRunning() {
        scala.Option<SparkSession> running = SparkSession.getDefaultSession();
        return running.isDefined() && !running.get().sparkContext().isStopped();
    }
}
