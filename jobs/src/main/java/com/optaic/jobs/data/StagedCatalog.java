package com.optaic.jobs.data;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.dataset.VersionCatalog;
import com.optaic.engine.dataset.VersionManifest;
import java.util.List;
import java.util.Optional;

/**
 * A {@link VersionCatalog} for one run: it knows exactly one base version of the dataset it writes (the dataset's
 * latest visible version when the run resolved, or none), the input versions the run reads, and, instead of making
 * a committed manifest visible, keeps it for the run's publish step, which commits it in the metadata store.
 * Visibility is the store's business, not the file system's.
 */
public final class StagedCatalog implements VersionCatalog {
    private final String written;
    private final Optional<VersionManifest> base;
    private final List<VersionManifest> inputs;
    private VersionManifest staged;

    public StagedCatalog(String dataset, Optional<VersionManifest> base) {
        this(dataset, base, List.of());
    }

    /** @param inputs versions of other datasets the run reads: each is the latest of its dataset here */
    public StagedCatalog(String dataset, Optional<VersionManifest> base, List<VersionManifest> inputs) {
        this.written = requireNonNull(dataset, "dataset is null");
        this.base = requireNonNull(base, "base is null");
        this.inputs = List.copyOf(inputs);
        for (VersionManifest input : this.inputs) {
            if (input.dataset().equals(dataset)) {
                throw new IllegalArgumentException("dataset '" + dataset + "' is both read and written by the run");
            }
        }
    }

    @Override
    public Optional<VersionManifest> latest(String dataset) {
        if (dataset.equals(written)) {
            return base;
        }
        return inputs.stream().filter(input -> input.dataset().equals(dataset)).findFirst();
    }

    @Override
    public Optional<VersionManifest> get(String dataset, long version) {
        return latest(dataset).filter(m -> m.version() == version);
    }

    @Override
    public List<VersionManifest> list(String dataset) {
        return latest(dataset).map(List::of).orElse(List.of());
    }

    @Override
    public synchronized void commit(String dataset, long expectedParent, VersionManifest manifest) {
        long parent = base.map(VersionManifest::version).orElse(VersionManifest.NO_PARENT);
        if (!dataset.equals(written) || expectedParent != parent || staged != null) {
            throw new OptaicException(
                    EngineErrorCode.VERSION_CONFLICT,
                    "Dataset '" + dataset + "': a run stages one version" + " on version " + parent + ", not on "
                            + expectedParent);
        }
        if (manifest.version() != parent + 1 || manifest.parent() != parent) {
            throw new IllegalArgumentException("manifest of '" + dataset + "' is version " + manifest.version() + " on "
                    + manifest.parent() + ", expected " + (parent + 1) + " on " + parent);
        }
        staged = manifest;
    }

    public synchronized Optional<VersionManifest> staged() {
        return Optional.ofNullable(staged);
    }
}
