package com.optaic.engine.spark;

import com.optaic.engine.data.Panel;
import com.optaic.engine.io.PanelWriter;
import com.optaic.engine.synthetic.SyntheticMarket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session tests share: one {@code local[2]} session per test JVM (starting Spark costs seconds),
 * stopped by Spark's own shutdown hook; and seeded synthetic panels written to Parquet once per JVM.
 */
public final class TestingSpark {
    private static SparkSession session;
    private static final Map<String, Path> PANELS = new HashMap<>();

    private TestingSpark() {}

    public static synchronized SparkSession session() {
        if (session == null || session.sparkContext().isStopped()) {
            session = SparkSessions.getOrCreate("local[2]");
        }
        return session;
    }

    /** {@link SyntheticMarket#generate} written as one Parquet file, shared by the tests of this JVM. */
    public static synchronized Path syntheticParquet(int assets, int days, long seed) {
        return PANELS.computeIfAbsent(assets + "x" + days + ":" + seed, key -> {
            try {
                Path directory = Files.createTempDirectory("optaic-spark-test");
                directory.toFile().deleteOnExit();
                Path file = directory.resolve("panel-" + assets + "x" + days + ".parquet");
                Panel panel = SyntheticMarket.generate(assets, days, seed);
                new PanelWriter().write(panel, file);
                file.toFile().deleteOnExit();
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
