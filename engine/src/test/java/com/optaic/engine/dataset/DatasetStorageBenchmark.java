package com.optaic.engine.dataset;

import com.optaic.engine.data.Panel;
import com.optaic.engine.synthetic.SyntheticMarket;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Times datasets under a plain local root against the same directory given as a {@code file://} URI (Hadoop's
 * checksummed LocalFileSystem) and a root on HDFS ({@link TestingHdfs}: a NameNode and one datanode in this JVM,
 * writing to the local disk): a full rebuild of a synthetic 2,000 x 2,520 panel (10 yearly files, fsync and
 * SHA-256), a one-day append, reading everything and reading one year; warm (one untimed round), median of 3,
 * the three roots taking turns. Run from the test classpath:
 * {@code java -cp ... com.optaic.engine.dataset.DatasetStorageBenchmark [assets days]}.
 */
public final class DatasetStorageBenchmark {
    private static final LocalDate AS_OF = LocalDate.of(2030, 1, 1);

    private DatasetStorageBenchmark() {}

    private record Timings(List<Double> rebuild, List<Double> append, List<Double> readAll, List<Double> readYear) {
        Timings() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    public static void main(String[] args) throws IOException {
        int assets = args.length > 1 ? Integer.parseInt(args[0]) : 2000;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 2520;
        Panel market = SyntheticMarket.generate(assets, days, 7);
        Panel history = TestingDatasets.rows(market, 0, days - 1);
        Panel lastDay = TestingDatasets.rows(market, days - 1, days);
        LocalDate yearFrom = market.date(days - 252);
        System.out.printf(
                Locale.ROOT,
                "load average at start: %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        long clusterStart = System.nanoTime();
        TestingHdfs.cluster();
        System.out.printf(
                Locale.ROOT, "HDFS mini cluster started in %.3f s%n", (System.nanoTime() - clusterStart) / 1e9);
        Timings plain = new Timings();
        Timings uri = new Timings();
        Timings hdfs = new Timings();
        for (int round = 0; round < 4; round++) {
            run(round == 0 ? new Timings() : plain, StorageLocation::local, history, lastDay, yearFrom);
            run(
                    round == 0 ? new Timings() : uri,
                    directory -> StorageLocation.of(directory.toUri().toString()),
                    history,
                    lastDay,
                    yearFrom);
            run(
                    round == 0 ? new Timings() : hdfs,
                    directory -> TestingHdfs.newRoot("bench"),
                    history,
                    lastDay,
                    yearFrom);
        }
        report("plain path", plain);
        report("file:// URI", uri);
        report("hdfs:// (mini cluster)", hdfs);
        TestingHdfs.shutdown();
        System.out.printf(
                Locale.ROOT,
                "load average at end: %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static void run(
            Timings timings, Function<Path, StorageLocation> root, Panel history, Panel lastDay, LocalDate yearFrom)
            throws IOException {
        Path directory = Files.createTempDirectory("optaic-storage-bench");
        StorageLocation storage = root.apply(directory);
        FileVersionCatalog catalog = new FileVersionCatalog(storage);
        DatasetWriter writer = new DatasetWriter(storage, catalog);
        DatasetReader reader = new DatasetReader(storage, catalog);
        long t0 = System.nanoTime();
        writer.rebuild("bench", history, AS_OF);
        long t1 = System.nanoTime();
        writer.append("bench", lastDay, AS_OF);
        long t2 = System.nanoTime();
        reader.readPanel("bench", DatasetQuery.all());
        long t3 = System.nanoTime();
        reader.readPanel("bench", DatasetQuery.all().between(yearFrom, null));
        long t4 = System.nanoTime();
        timings.rebuild().add((t1 - t0) / 1e9);
        timings.append().add((t2 - t1) / 1e9);
        timings.readAll().add((t3 - t2) / 1e9);
        timings.readYear().add((t4 - t3) / 1e9);
        storage.deleteQuietly();
        StorageLocation.local(directory).deleteQuietly();
    }

    private static void report(String name, Timings timings) {
        System.out.printf(
                Locale.ROOT,
                "%s: rebuild %.3f s, append one day %.3f s, read all %.3f s, read one year"
                        + " %.3f s (medians of %d)%n",
                name,
                median(timings.rebuild()),
                median(timings.append()),
                median(timings.readAll()),
                median(timings.readYear()),
                timings.rebuild().size());
    }

    private static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
