package com.optaic.jobs.cli;

import com.optaic.common.OptaicException;
import com.optaic.engine.dataset.DatasetCompaction;
import com.optaic.engine.dataset.FileVersionCatalog;
import com.optaic.engine.dataset.StorageLocation;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.jobs.JobsErrorCode;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Compacts a dataset under a storage root whose versions are files ({@link DatasetCompaction#compact}): the next version
 * holds the same rows in one file per year. Datasets of the metadata store are compacted by a PipelineRun
 * ({@code optaic run start INSTANCE --compact}).
 */
@Command(
        name = "compact",
        mixinStandardHelpOptions = true,
        description = {
            "Rewrite the latest version of a dataset under a storage root with one file per year: the same"
                    + " rows in fewer files (every append adds one, and reads open each file of the dates they need).",
            "Earlier versions keep their files. Example: optaic compact --dataset prices --root /data/optaic"
        })
final class CompactCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", paramLabel = "NAME", required = true, description = "The dataset to compact.")
    String dataset;

    @Mixin
    StorageRootOption root;

    @Override
    public void run() {
        long t0 = System.nanoTime();
        DatasetArgument argument = DatasetArgument.parse("--dataset", dataset);
        if (argument.version() != null) {
            throw new OptaicException(
                    JobsErrorCode.BAD_OPTION,
                    "--dataset " + dataset + ": compaction rewrites the " + "latest version; give the name alone");
        }
        if (argument.storeId().isPresent()) {
            throw new OptaicException(
                    JobsErrorCode.BAD_OPTION,
                    "--dataset " + dataset + " is a metadata-store dataset:"
                            + " its versions come from runs; compact it with 'optaic run start <its instance> --compact'");
        }
        StorageLocation storage = root.location(spec);
        FileVersionCatalog catalog = new FileVersionCatalog(storage);
        VersionManifest before = argument.resolve(catalog);
        VersionManifest after = new DatasetCompaction(storage, catalog).compact(dataset);
        PrintWriter out = spec.commandLine().getOut();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (after.equals(before)) {
            out.printf(
                    Locale.ROOT,
                    "dataset '%s' under %s: version %d already has one file per year (%d files); "
                            + "nothing to do, %.2fs%n",
                    dataset,
                    storage,
                    before.version(),
                    before.files().size(),
                    seconds);
            return;
        }
        out.printf(
                Locale.ROOT,
                "dataset '%s' under %s: version %d (compact on %d): %d files -> %d, %d rows, %.2fs%n",
                dataset,
                storage,
                after.version(),
                before.version(),
                before.files().size(),
                after.files().size(),
                after.rows(),
                seconds);
    }
}
