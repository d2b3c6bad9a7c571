package com.optaic.jobs.bench;

import com.optaic.engine.data.Panel;
import com.optaic.engine.dataset.DataFile;
import com.optaic.engine.dataset.DatasetQuery;
import com.optaic.engine.dataset.DatasetReader;
import com.optaic.engine.dataset.DatasetWriter;
import com.optaic.engine.dataset.FileVersionCatalog;
import com.optaic.engine.dataset.StorageLocation;
import com.optaic.engine.dataset.VerifiedFiles;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.engine.eval.PanelEvaluation;
import com.optaic.engine.synthetic.SyntheticMarket;
import com.optaic.operators.plan.ExpressionFile;
import com.optaic.operators.plan.Program;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What verifying data files against their manifest costs: the 8 benchmark expressions read from a dataset version
 * and evaluated, with and without SHA-256 verification, each run in a fresh cache (as a new CLI process would
 * be), the two modes interleaved so that load changes hit both alike.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Read a dataset version + evaluate the 8 expressions, with and without checksum verification.",
            "Last line: bench verify: unverified=<s> verified=<s> overhead=<%>"
        })
final class VerifyBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--assets", defaultValue = "2000")
    int assets;

    @Option(names = "--days", defaultValue = "2520")
    int days;

    @Option(names = "--repeats", defaultValue = "5")
    int repeats;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path root = Files.createTempDirectory("optaic-bench-verify");
        FileVersionCatalog catalog = new FileVersionCatalog(root);
        VersionManifest manifest = new DatasetWriter(root, catalog)
                .rebuild("market", SyntheticMarket.generate(assets, days, 7), LocalDate.of(2100, 1, 1));
        long bytes = manifest.files().stream().mapToLong(f -> f.bytes()).sum();
        out.printf(
                Locale.ROOT,
                "dataset: %d files, %.1f MB, %d processors, load %.2f%n",
                manifest.files().size(),
                bytes / 1e6,
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        ExpressionFile expressions = ExpressionFile.parse("bench", String.join("\n", BenchCommand.EIGHT));
        DatasetQuery query = DatasetQuery.all().fields(Set.of("open", "high", "low", "close", "volume"));
        double[] plain = new double[repeats];
        double[] verified = new double[repeats];
        run(root, catalog, query, expressions, false); // warm-up (JIT), untimed
        run(root, catalog, query, expressions, true);
        for (int r = 0; r < repeats; r++) {
            plain[r] = run(root, catalog, query, expressions, false);
            verified[r] = run(root, catalog, query, expressions, true);
            out.printf(Locale.ROOT, "run %d: unverified %.3fs  verified %.3fs%n", r + 1, plain[r], verified[r]);
        }
        double[] hashing = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            for (DataFile file : manifest.files()) {
                StorageLocation.local(root.resolve("market").resolve(file.path()))
                        .sha256();
            }
            hashing[r] = (System.nanoTime() - t0) / 1e9;
        }
        out.printf(
                Locale.ROOT,
                "SHA-256 of the %d files alone: median %.3fs (%.0f MB/s)%n",
                manifest.files().size(),
                median(hashing),
                bytes / 1e6 / median(hashing));
        double p = median(plain);
        double v = median(verified);
        out.printf(
                Locale.ROOT,
                "bench verify: %d assets x %d days, 8 expressions, median of %d: unverified=%.3fs verified=%.3fs"
                        + " overhead=%.1f%%%n",
                assets,
                days,
                repeats,
                p,
                v,
                100 * (v - p) / p);
        BenchCommand.deleteRecursively(root);
        return 0;
    }

    private static double run(
            Path root, FileVersionCatalog catalog, DatasetQuery query, ExpressionFile expressions, boolean verify) {
        VerifiedFiles.forgetAll(); // as in a new process
        long t0 = System.nanoTime();
        Panel panel = new DatasetReader(root, catalog, verify).readPanel("market", query);
        Program program = PanelEvaluation.compile(panel, expressions);
        PanelEvaluation.evaluate(panel, program, null, null);
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
