package com.optaic.jobs.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.engine.dataset.DatasetCompaction;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.run.RunContext;
import com.optaic.jobs.run.StagedResult;
import java.util.Optional;
import java.util.UUID;

/**
 * A run that compacts the dataset it writes (run param {@code "compact": true}) instead of computing: the dataset's
 * latest version rewritten with one file per year ({@link DatasetCompaction#compact}), the same rows in fewer files.
 * Every nightly append adds a file of its own and reads open each file of the dates they need, so months of nightly
 * runs slow reads down until the dataset is compacted. The run compacts {@link StoreDatasets#runBase}: a
 * reproduction compacts the version the original compacted.
 */
public final class Compaction {
    public static final String PARAM = "compact";

    private Compaction() {}

    /** Whether the run's params ask for a compaction; refuses one asked together with a rebuild. */
    public static boolean requested(JsonNode params, String runType) {
        boolean compact = params.path(PARAM).asBoolean(false);
        if (compact && params.path("rebuild").asBoolean(false)) {
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG,
                    runType + ": 'compact' rewrites the latest version"
                            + " and 'rebuild' replaces it; ask for one of them");
        }
        return compact;
    }

    /** Stages the compacted version of {@code base}; stages none when no year has several files. */
    public static StagedResult stage(RunContext context, UUID datasetId, Optional<VersionManifest> base) {
        VersionManifest latest = base.orElseThrow(() -> new OptaicException(
                JobsErrorCode.BAD_RUN_CONFIG, "Dataset " + datasetId + " has no version to compact yet"));
        String name = StoreDatasets.datasetName(datasetId);
        VersionManifest compacted =
                new DatasetCompaction(context.storage().datasets(), new StagedCatalog(name, base)).compact(name);
        ObjectNode metrics = StagedResult.newMetrics();
        metrics.put("mode", "compact");
        metrics.put("files_before", latest.files().size());
        metrics.put("files_after", compacted.files().size());
        metrics.put("rows_added", 0);
        metrics.put("rows_total", compacted.rows());
        metrics.put("last_date", compacted.maxDate().toString());
        if (compacted.equals(latest)) {
            return new StagedResult(Optional.empty(), metrics);
        }
        return new StagedResult(
                Optional.of(new StagedResult.StagedVersion(
                        datasetId, compacted, false, 0, StoreDatasets.contentHash(compacted))),
                metrics);
    }
}
