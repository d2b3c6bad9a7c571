package com.optaic.jobs.engines;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.metadata.ResourceType;
import java.util.Optional;

/**
 * What a run asks of {@link Engines}: the engine's name ({@code engine}) and Spark master ({@code spark_master}),
 * each a run param ({@link #withParams}), else a member of the instance config ({@link #parse}), else empty for the
 * default.
 *
 * @param origin where the engine's name came from, for messages ({@code "ExperimentInstance config"})
 */
public record EngineSelection(Optional<String> engine, Optional<String> master, String origin) {
    public EngineSelection {
        requireNonNull(engine, "engine is null");
        requireNonNull(master, "master is null");
        requireNonNull(origin, "origin is null");
    }

    /** Reads an instance config's selection; a name that is not a non-blank string is a user error naming its member. */
    public static EngineSelection parse(ResourceType instanceType, JsonNode config) {
        String origin = instanceType + " config";
        return new EngineSelection(
                text(origin, config, Engines.ENGINE_KEY), text(origin, config, Engines.MASTER_KEY), origin);
    }

    /** This selection with a run's params {@code engine} and {@code spark_master} in place of the config's. */
    public EngineSelection withParams(ResourceType runType, JsonNode params) {
        String origin = runType + " param";
        Optional<String> named = text(origin, params, Engines.ENGINE_KEY);
        return new EngineSelection(
                named.or(() -> engine),
                text(origin, params, Engines.MASTER_KEY).or(() -> master),
                named.isPresent() ? origin : this.origin);
    }

    private static Optional<String> text(String origin, JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG, origin + " '" + field + "' must be a name, got " + value);
        }
        return Optional.of(value.asText());
    }
}
