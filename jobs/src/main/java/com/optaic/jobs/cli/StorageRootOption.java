package com.optaic.jobs.cli;

import com.optaic.engine.dataset.StorageLocation;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --root DIR|URI}: the storage root of datasets whose versions are files (see {@link DatasetArgument}). */
final class StorageRootOption {
    @Option(
            names = "--root",
            paramLabel = "DIR|URI",
            description = "Storage root of the datasets: a directory, or a Hadoop file system URI "
                    + "(hdfs://namenode:8020/datasets, file:///data/datasets; not an object store) (default: "
                    + "$OPTAIC_STORAGE/file-datasets, else $OPTAIC_HOME/data/file-datasets).")
    String root;

    boolean given() {
        return root != null;
    }

    /** The root given, else the default under the storage that the command line's environment configures. */
    StorageLocation location(CommandSpec spec) {
        return DatasetArgument.root(root, OptaicCommand.environment(spec));
    }
}
