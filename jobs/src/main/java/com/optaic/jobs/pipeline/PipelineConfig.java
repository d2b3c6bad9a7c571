package com.optaic.jobs.pipeline;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.common.OptaicException;
import com.optaic.engine.ingest.CorrectionPolicy;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.data.Compaction;
import com.optaic.jobs.engines.EngineSelection;
import com.optaic.metadata.ResourceType;

/**
 * A PipelineRun's DatasetInstance config and run params, validated; every refusal names the member at fault:
 * <pre>
 * {"pipeline": {...},              the source's config, validated by the factory of the pipeline slot's code_ref
 *  "mode": "append" | "rebuild",   default append: only the dates after the dataset's last date
 *  "corrections": "reject" | "ignore" | "restate",  default reject: an append whose source changes a row dated
 *                                  on or before the dataset's last date (or adds one) fails naming the first;
 *                                  ignore appends only the later dates and reports rows_ignored; restate then
 *                                  publishes a new full version with the source's rows replacing the published
 *  "engine": "spark",              see {@link com.optaic.jobs.engines.Engines}; with "spark_master"
 *  "spark_master": "local[4]"}
 * </pre>
 * Run params: {@code "rebuild": true|false} (overrides {@code mode}), {@code "compact": true} (see
 * {@link Compaction}), {@code engine} and {@code spark_master} (override the config's).
 *
 * @param source the {@code pipeline} member, empty object when absent
 * @param rebuild whether the run writes everything as a rebuilt version (else it appends)
 * @param compact whether the run compacts the dataset instead of reading its source
 * @param corrections what an append does with source rows dated on or before the dataset's last date
 */
public record PipelineConfig(
        JsonNode source, boolean rebuild, boolean compact, EngineSelection engine, CorrectionPolicy corrections) {
    private static final String APPEND = "append";
    private static final String REBUILD = "rebuild";

    public PipelineConfig {
        requireNonNull(source, "source is null");
        requireNonNull(engine, "engine is null");
        requireNonNull(corrections, "corrections is null");
        if (rebuild && compact) {
            throw new IllegalArgumentException("a run either rebuilds or compacts");
        }
    }

    /** The instance config's members; a run's params may then change the mode and the engine. */
    public static PipelineConfig parse(JsonNode config) {
        JsonNode mode = config.path("mode");
        if (!mode.isMissingNode()
                && !mode.isNull()
                && !(mode.isTextual()
                        && (mode.asText().equals(APPEND) || mode.asText().equals(REBUILD)))) {
            throw bad("mode", "must be 'append' or 'rebuild', got " + mode);
        }
        JsonNode corrections = config.path("corrections");
        CorrectionPolicy policy = CorrectionPolicy.REJECT;
        if (!corrections.isMissingNode() && !corrections.isNull()) {
            if (!corrections.isTextual()) {
                throw bad("corrections", "must be 'reject', 'ignore' or 'restate', got " + corrections);
            }
            try {
                policy = CorrectionPolicy.parse("corrections", corrections.asText());
            } catch (OptaicException e) {
                throw bad("corrections", "must be 'reject', 'ignore' or 'restate', got " + corrections);
            }
        }
        return new PipelineConfig(
                config.path("pipeline"),
                REBUILD.equals(mode.asText(APPEND)),
                false,
                EngineSelection.parse(ResourceType.DatasetInstance, config),
                policy);
    }

    /** The config with a run's params {@code rebuild}, {@code compact}, {@code engine} and {@code spark_master}. */
    public PipelineConfig withParams(JsonNode params) {
        JsonNode rebuildParam = params.path(REBUILD);
        if (!rebuildParam.isMissingNode() && !rebuildParam.isNull() && !rebuildParam.isBoolean()) {
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG,
                    "PipelineRun param 'rebuild' must be true or false," + " got " + rebuildParam);
        }
        boolean compact = Compaction.requested(params, "PipelineRun");
        return new PipelineConfig(
                source,
                !compact && rebuildParam.asBoolean(rebuild),
                compact,
                engine.withParams(ResourceType.PipelineRun, params),
                corrections);
    }

    private static OptaicException bad(String member, String problem) {
        return new OptaicException(JobsErrorCode.BAD_RUN_CONFIG, "DatasetInstance config '" + member + "' " + problem);
    }
}
