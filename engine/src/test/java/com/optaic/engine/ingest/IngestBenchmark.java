package com.optaic.engine.ingest;

import com.optaic.engine.dataset.DatasetWriter;
import com.optaic.engine.dataset.FileVersionCatalog;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.engine.dataset.VersionManifest.Operation;
import com.optaic.engine.io.PanelReader;
import com.optaic.engine.spark.SparkSessions;
import com.optaic.engine.synthetic.SyntheticMarket;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Times ingestion in process and on Spark {@code local[2]}: a synthetic market of 2,000 assets x 2,520 days and the
 * wide {@code ../shared/data/stock_prices.csv}, each a full rebuild (read or generate, write yearly files, fsync,
 * checksum, commit), warm (one untimed run), median of 3; and checks that both engines wrote the same bytes.
 * Run from the test classpath: {@code java -cp ... com.optaic.engine.ingest.IngestBenchmark [prices.csv]}.
 */
public final class IngestBenchmark {
    private IngestBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path prices = Path.of(args.length > 0 ? args[0] : "../shared/data/stock_prices.csv");
        IngestEngine spark = IngestEngine.spark(SparkSessions.getOrCreate("local[2]"));
        IngestEngine local = IngestEngine.local();
        Path scratch = Files.createTempDirectory("optaic-ingest-bench");
        System.out.printf(
                "load average at start: %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        List<String> classic = time(
                "synthetic 2000x2520, DatasetWriter (generate + rebuild)",
                scratch,
                root -> new DatasetWriter(root, new FileVersionCatalog(root))
                        .rebuild("bench", SyntheticMarket.generate(2000, 2520, 7), LocalDate.of(2030, 1, 1)));
        List<String> syntheticLocal = time(
                "synthetic 2000x2520, ingest in process",
                scratch,
                root -> ingest(root, local, IngestSources.synthetic(2000, 2520, 7, false, 0)));
        List<String> syntheticSpark = time(
                "synthetic 2000x2520, ingest on Spark local[2]",
                scratch,
                root -> ingest(root, spark, IngestSources.synthetic(2000, 2520, 7, false, 0)));
        System.out.println("synthetic: same bytes classic/local/spark = "
                + (classic.equals(syntheticLocal) && classic.equals(syntheticSpark)));

        IngestSource wide = IngestSources.wideCsv(Map.of("close", prices), PanelReader.DEFAULT_GROUP_FIELDS);
        List<String> csvLocal =
                time("stock_prices.csv (wide), ingest in process", scratch, root -> ingest(root, local, wide));
        List<String> csvSpark =
                time("stock_prices.csv (wide), ingest on Spark local[2]", scratch, root -> ingest(root, spark, wide));
        System.out.println("csv: same bytes local/spark = " + csvLocal.equals(csvSpark));
        System.out.printf(
                "load average at end: %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static VersionManifest ingest(Path root, IngestEngine engine, IngestSource source) {
        return new DatasetIngestion(root, new FileVersionCatalog(root), engine)
                .ingest("bench", source, Operation.REBUILD, Optional.empty())
                .manifest()
                .orElseThrow();
    }

    interface Work {
        VersionManifest run(Path root);
    }

    /** One untimed run, then three timed ones into fresh roots; prints the median; returns the files' checksums. */
    private static List<String> time(String name, Path scratch, Work work) throws IOException {
        List<Double> seconds = new ArrayList<>();
        VersionManifest manifest = null;
        for (int i = 0; i < 4; i++) {
            Path root = Files.createTempDirectory(scratch, "run");
            long t0 = System.nanoTime();
            manifest = work.run(root);
            if (i > 0) {
                seconds.add((System.nanoTime() - t0) / 1e9);
            }
        }
        List<Double> sorted = seconds.stream().sorted().toList();
        System.out.printf(
                "%-55s median %.2f s (runs %s), %d files, %d rows%n",
                name,
                sorted.get(1),
                seconds.stream().map(s -> String.format("%.2f", s)).toList(),
                manifest.files().size(),
                manifest.rows());
        return manifest.files().stream().map(f -> f.sha256()).toList();
    }
}
