package com.optaic.jobs.cli;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.data.Panel;
import com.optaic.engine.dataset.DatasetQuery;
import com.optaic.engine.dataset.DatasetReader;
import com.optaic.engine.dataset.FileVersionCatalog;
import com.optaic.engine.dataset.StorageLocation;
import com.optaic.engine.dataset.VersionCatalog;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.engine.eval.DatasetPlan;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.Optaic;
import com.optaic.jobs.data.StagedCatalog;
import com.optaic.jobs.data.StoreDatasets;
import com.optaic.metadata.Actor;
import com.optaic.metadata.DataVersion;
import com.optaic.operators.plan.ExpressionCompiler;
import com.optaic.operators.plan.ExpressionFile;
import com.optaic.operators.plan.Program;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A dataset version given to {@code eval} with --dataset, resolved under a file catalog's storage root, or in the
 * metadata store (its files under the run storage; the catalog then knows that version alone).
 */
record EvalDatasetInput(StorageLocation root, VersionCatalog catalog, VersionManifest version) {

    EvalDatasetInput {
        requireNonNull(root, "root is null");
        requireNonNull(catalog, "catalog is null");
        requireNonNull(version, "version is null");
    }

    /** The version the argument names in the file catalog under {@code storage}. */
    static EvalDatasetInput inFileCatalog(StorageLocation storage, DatasetArgument argument) {
        FileVersionCatalog catalog = new FileVersionCatalog(storage);
        return new EvalDatasetInput(storage, catalog, argument.resolve(catalog));
    }

    /** A version of a dataset the metadata store keeps (runs wrote it), read as the acting principal may. */
    static EvalDatasetInput inStore(DatasetArgument argument, UUID datasetId, Map<String, String> environment) {
        try (Optaic optaic = Optaic.open(environment)) {
            Actor actor = optaic.actor();
            DataVersion version = argument.version() != null
                    ? optaic.store().dataVersions().get(actor, datasetId, Math.toIntExact(argument.version()))
                    : StoreDatasets.latest(optaic.store(), actor, datasetId)
                            .orElseThrow(() -> new OptaicException(
                                    JobsErrorCode.UNKNOWN_VERSION, "Dataset " + datasetId + " has no version yet"));
            VersionManifest manifest = StoreDatasets.toEngine(version);
            return new EvalDatasetInput(
                    optaic.storage().datasets(),
                    new StagedCatalog(manifest.dataset(), Optional.of(manifest)),
                    manifest);
        }
    }

    Program compile(ExpressionFile expressions) {
        return ExpressionCompiler.compile(
                DatasetPlan.catalog(version), expressions.macros(), expressions.definitions());
    }

    /** The dates up to {@code to} (null: all) of the fields the expressions read. */
    Panel read(ExpressionFile expressions, LocalDate to) {
        Program program = compile(expressions);
        Set<String> fields = new TreeSet<>(program.numericInputs());
        fields.addAll(program.groupInputs());
        return new DatasetReader(root, catalog)
                .read(version, DatasetQuery.all().between(null, to).fields(fields))
                .panel();
    }
}
