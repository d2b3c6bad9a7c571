package com.optaic.jobs.run;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.engine.dataset.ManifestJson;
import com.optaic.engine.dataset.VersionManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.UUID;

/**
 * What a run's execute step produced and its publish step commits: at most one staged dataset version, and the
 * run's metrics. Kept as JSON in the Spring Batch job execution context, so a restart that resumes at publish
 * finds it.
 */
public record StagedResult(Optional<StagedVersion> output, ObjectNode metrics) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * A dataset version written to storage but not yet visible.
     *
     * @param incremental whether it lists its parent's files (an append) or replaces them (a rebuild)
     * @param contentHash the hash of its schema and its files' contents, independent of file names
     */
    public record StagedVersion(UUID datasetId, VersionManifest manifest, boolean incremental, long rowsAdded,
                                String contentHash) {
        public StagedVersion {
            requireNonNull(datasetId, "datasetId is null");
            requireNonNull(manifest, "manifest is null");
            requireNonNull(contentHash, "contentHash is null");
        }
    }

    public StagedResult {
        requireNonNull(output, "output is null");
        metrics = requireNonNull(metrics, "metrics is null").deepCopy();
    }

    public static ObjectNode newMetrics() {
        return JsonNodeFactory.instance.objectNode();
    }

    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("metrics", metrics);
        output.ifPresent(v -> {
            ObjectNode out = root.putObject("output");
            out.put("dataset", v.datasetId().toString());
            out.put("incremental", v.incremental());
            out.put("rows_added", v.rowsAdded());
            out.put("content_hash", v.contentHash());
            try {
                out.set("manifest", MAPPER.readTree(ManifestJson.write(v.manifest())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return root.toString();
    }

    public static StagedResult fromJson(String json) {
        try {
            JsonNode root = MAPPER.readTree(json);
            Optional<StagedVersion> output = Optional.empty();
            JsonNode out = root.get("output");
            if (out != null) {
                VersionManifest manifest = ManifestJson.read(MAPPER.writeValueAsBytes(out.get("manifest")));
                output = Optional.of(new StagedVersion(UUID.fromString(out.get("dataset").asText()), manifest,
                        out.get("incremental").asBoolean(), out.get("rows_added").asLong(),
                        out.get("content_hash").asText()));
            }
            return new StagedResult(output, (ObjectNode) root.get("metrics"));
        } catch (IOException | RuntimeException e) {
            throw new OptaicException(JobsErrors.BATCH_INTERNAL, "Cannot read the staged result of a run: " + e, e);
        }
    }
}
