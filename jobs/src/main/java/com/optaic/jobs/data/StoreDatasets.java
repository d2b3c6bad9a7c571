package com.optaic.jobs.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.engine.data.Panel;
import com.optaic.engine.dataset.DataFile;
import com.optaic.engine.dataset.DatasetQuery;
import com.optaic.engine.dataset.DatasetReader;
import com.optaic.engine.dataset.FieldType;
import com.optaic.engine.dataset.ManifestJson;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.run.RunContext;
import com.optaic.jobs.run.Storage;
import com.optaic.metadata.Actor;
import com.optaic.metadata.DataManifest;
import com.optaic.metadata.DataVersion;
import com.optaic.metadata.DataVersionService;
import com.optaic.metadata.Instance;
import com.optaic.metadata.MetadataStore;
import com.optaic.metadata.ResourceType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The bridge between the engine's dataset versions (Parquet files + {@link VersionManifest}) and the metadata
 * store's {@link DataVersion}s, which are what makes a version visible. A dataset's files live under
 * {@code <storage>/datasets/<dataset id>}; the store's manifest lists the same files and carries the engine's
 * manifest in its schema member ({@code {"format": "optaic.dataset.v1", "manifest": ...}}).
 */
public final class StoreDatasets {
    public static final String FORMAT = "optaic.dataset.v1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StoreDatasets() {}

    /** The engine's dataset name for a dataset resource. */
    public static String datasetName(UUID datasetId) {
        return datasetId.toString();
    }

    public static DataManifest toStore(VersionManifest manifest) {
        ObjectNode schema = MAPPER.createObjectNode();
        schema.put("format", FORMAT);
        ObjectNode fields = schema.putObject("fields");
        manifest.schema().forEach((name, type) -> fields.put(name, type.name()));
        try {
            schema.set("manifest", MAPPER.readTree(ManifestJson.write(manifest)));
        } catch (IOException e) {
            throw new OptaicException(
                    JobsErrorCode.BATCH_INTERNAL,
                    "Cannot encode the manifest of dataset " + manifest.dataset() + ": " + e,
                    e);
        }
        return new DataManifest(
                manifest.files().stream()
                        .map(f -> new com.optaic.metadata.DataFile(
                                f.path(),
                                f.rows(),
                                f.bytes(),
                                f.sha256(),
                                Optional.of(f.minDate()),
                                Optional.of(f.maxDate())))
                        .toList(),
                schema);
    }

    public static VersionManifest toEngine(DataVersion version) {
        JsonNode schema = version.manifest().schema();
        if (!FORMAT.equals(schema.path("format").asText())) {
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG,
                    "Data version " + version.version() + " of dataset "
                            + version.datasetId() + " was not written by the OptAIC engine (format '"
                            + schema.path("format").asText() + "')");
        }
        try {
            return ManifestJson.read(
                    MAPPER.writeValueAsString(schema.get("manifest")).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new OptaicException(
                    JobsErrorCode.BATCH_INTERNAL,
                    "Cannot decode data version " + version.version() + " of dataset " + version.datasetId() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** The dataset's latest visible version, if it has one. */
    public static Optional<DataVersion> latest(MetadataStore store, Actor actor, UUID datasetId) {
        return store.dataVersions().resolve(actor, datasetId, DataVersionService.LATEST);
    }

    /** A config member holding a dataset id; a user error naming the instance type and member otherwise. */
    public static UUID datasetId(JsonNode config, String member, ResourceType instanceType) {
        String text = config.path(member).asText("");
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG,
                    instanceType + " config '" + member + "' must be a dataset id, got '" + text + "'");
        }
    }

    /** The latest version of an instance's input dataset; a user error naming the instance when it has none. */
    public static DataVersion latestInput(MetadataStore store, Actor actor, Instance instance, UUID datasetId) {
        return latest(store, actor, datasetId)
                .orElseThrow(() -> new OptaicException(
                        JobsErrorCode.BAD_RUN_CONFIG,
                        instance.resource().type() + " '" + instance.resource().name() + "': its input dataset "
                                + datasetId + " has no version yet; run its pipeline first"));
    }

    /**
     * The version a run writing {@code datasetId} builds on: its latest, or for a reproduction the version the
     * original run built on, so that it computes the same version again.
     */
    public static Optional<VersionManifest> runBase(RunContext context, UUID datasetId) {
        if (context.reproduces().isPresent()) {
            List<DataVersion> outputs = context.store()
                    .runs()
                    .outputs(
                            context.actor(),
                            context.reproduces().get().resource().id());
            if (!outputs.isEmpty()) {
                return outputs.get(0)
                        .previousVersionId()
                        .map(id -> toEngine(context.store().dataVersions().getById(context.actor(), id)));
            }
        }
        return latest(context.store(), context.actor(), datasetId).map(StoreDatasets::toEngine);
    }

    /** Reads one visible version whole. */
    public static Panel read(Storage storage, VersionManifest manifest) {
        return reader(storage, manifest).read(manifest, DatasetQuery.all()).panel();
    }

    public static DatasetReader reader(Storage storage, VersionManifest manifest) {
        return new DatasetReader(storage.datasets(), new StagedCatalog(manifest.dataset(), Optional.of(manifest)));
    }

    /**
     * A hash of what a version holds, independent of where its files are: the schema, then each file's row count,
     * date range and SHA-256, in order. Two runs that wrote the same data have the same content hash.
     */
    public static String contentHash(VersionManifest manifest) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, FieldType> field : manifest.schema().entrySet()) {
                digest.update((field.getKey() + ":" + field.getValue() + ";").getBytes(StandardCharsets.UTF_8));
            }
            for (DataFile file : manifest.files()) {
                digest.update((file.rows() + "|" + file.minDate() + "|" + file.maxDate() + "|" + file.sha256() + ";")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
