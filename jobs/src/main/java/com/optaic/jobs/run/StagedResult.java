package com.optaic.jobs.run;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.engine.dataset.ManifestJson;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.metadata.NewAlert;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a run's execute step produced and its publish step commits: staged dataset versions (none, one, or one
 * per output dataset of a run that writes several, each of a different dataset) and the run's metrics. Kept as
 * JSON in the Spring Batch job execution context, so a restart that resumes at publish finds it.
 */
public record StagedResult(
        List<StagedVersion> outputs, ObjectNode metrics, List<NewAlert> alerts, Optional<String> alertWebhook) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * A dataset version written to storage but not yet visible.
     *
     * @param incremental whether it lists its parent's files (an append) or replaces them (a rebuild)
     * @param contentHash the hash of its schema and its files' contents, independent of file names
     */
    public record StagedVersion(
            UUID datasetId, VersionManifest manifest, boolean incremental, long rowsAdded, String contentHash) {
        public StagedVersion {
            requireNonNull(datasetId, "datasetId is null");
            requireNonNull(manifest, "manifest is null");
            requireNonNull(contentHash, "contentHash is null");
        }
    }

    public StagedResult {
        outputs = List.copyOf(outputs);
        alerts = List.copyOf(alerts);
        requireNonNull(alertWebhook, "alertWebhook is null");
        if (outputs.stream().map(StagedVersion::datasetId).distinct().count() != outputs.size()) {
            throw new IllegalArgumentException("a run stages at most one version per dataset");
        }
        metrics = requireNonNull(metrics, "metrics is null").deepCopy();
    }

    /** Outputs and metrics, no alerts. */
    public StagedResult(List<StagedVersion> outputs, ObjectNode metrics) {
        this(outputs, metrics, List.of(), Optional.empty());
    }

    /** At most one output. */
    public StagedResult(Optional<StagedVersion> output, ObjectNode metrics) {
        this(output.stream().toList(), metrics);
    }

    /** The first output, if any (the only one, for run types that write one dataset). */
    public Optional<StagedVersion> output() {
        return outputs.stream().findFirst();
    }

    /**
     * The content hash of everything staged: the output's own with one output, a hash over each output's dataset
     * and hash with several; empty with none.
     */
    public Optional<String> contentHash() {
        if (outputs.size() <= 1) {
            return output().map(StagedVersion::contentHash);
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (StagedVersion version : outputs) {
                digest.update(
                        (version.datasetId() + ":" + version.contentHash() + ";").getBytes(StandardCharsets.UTF_8));
            }
            return Optional.of(HexFormat.of().formatHex(digest.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode newMetrics() {
        return JsonNodeFactory.instance.objectNode();
    }

    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("metrics", metrics);
        ArrayNode staged = root.putArray("outputs");
        outputs.forEach(v -> {
            ObjectNode out = staged.addObject();
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
        if (!alerts.isEmpty()) {
            ArrayNode raised = root.putArray("alerts");
            alerts.forEach(a -> raised.add(MAPPER.valueToTree(a)));
        }
        alertWebhook.ifPresent(url -> root.put("alert_webhook", url));
        return root.toString();
    }

    public static StagedResult fromJson(String json) {
        try {
            JsonNode root = MAPPER.readTree(json);
            List<StagedVersion> outputs = new ArrayList<>();
            // "output" is how a single staged version was kept before runs could stage several.
            JsonNode staged = root.has("outputs")
                    ? root.get("outputs")
                    : root.has("output") ? MAPPER.createArrayNode().add(root.get("output")) : MAPPER.createArrayNode();
            for (JsonNode out : staged) {
                VersionManifest manifest = ManifestJson.read(MAPPER.writeValueAsBytes(out.get("manifest")));
                outputs.add(new StagedVersion(
                        UUID.fromString(out.get("dataset").asText()),
                        manifest,
                        out.get("incremental").asBoolean(),
                        out.get("rows_added").asLong(),
                        out.get("content_hash").asText()));
            }
            List<NewAlert> alerts = new ArrayList<>();
            for (JsonNode alert : root.path("alerts")) {
                alerts.add(MAPPER.treeToValue(alert, NewAlert.class));
            }
            Optional<String> webhook = root.hasNonNull("alert_webhook")
                    ? Optional.of(root.get("alert_webhook").asText())
                    : Optional.empty();
            return new StagedResult(outputs, (ObjectNode) root.get("metrics"), alerts, webhook);
        } catch (IOException | RuntimeException e) {
            throw new OptaicException(JobsErrorCode.BATCH_INTERNAL, "Cannot read the staged result of a run: " + e, e);
        }
    }
}
