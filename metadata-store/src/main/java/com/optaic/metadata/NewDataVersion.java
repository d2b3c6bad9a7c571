package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.UUID;

/**
 * A data version to publish for a dataset. An incremental version must list every file of the dataset's
 * latest version unchanged, plus its new ones; a full version replaces the file list.
 */
public record NewDataVersion(UUID datasetId, DataManifest manifest, Optional<UUID> producedByRun, boolean incremental) {
    public NewDataVersion {
        requireNonNull(datasetId, "datasetId is null");
        requireNonNull(manifest, "manifest is null");
        requireNonNull(producedByRun, "producedByRun is null");
    }
}
