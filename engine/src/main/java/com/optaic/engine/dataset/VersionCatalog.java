package com.optaic.engine.dataset;

import com.optaic.engine.EngineErrorCode;
import java.util.List;
import java.util.Optional;

/**
 * Where dataset versions become visible. A version exists once, and only once, its manifest is committed here;
 * data files written for a version that never commits are invisible orphans.
 *
 * <p>Implementations must guarantee: versions of a dataset are numbered 1, 2, 3... in commit order; a commit is
 * atomic (readers see the whole manifest or nothing) and exclusive (of two commits on the same parent exactly one
 * succeeds, the other fails with {@link EngineErrorCode#VERSION_CONFLICT}); and a committed manifest never
 * changes. A commit that fails with a conflict left nothing behind and may be retried on the new latest
 * version.
 */
public interface VersionCatalog {
    /** The dataset's newest committed version, empty if it has none. */
    Optional<VersionManifest> latest(String dataset);

    /** One committed version, empty if the dataset has no such version. */
    Optional<VersionManifest> get(String dataset, long version);

    /** Every committed version of the dataset, oldest first; empty if there is none. */
    List<VersionManifest> list(String dataset);

    /**
     * Commits {@code manifest} as the dataset's next version, provided the latest committed version is still
     * {@code expectedParent} ({@link VersionManifest#NO_PARENT}: the dataset has no version yet).
     *
     * @throws com.optaic.common.OptaicException with {@link EngineErrorCode#VERSION_CONFLICT} if another version
     *         was committed since; {@link IllegalArgumentException} if the manifest is not version
     *         {@code expectedParent + 1} of this dataset with parent {@code expectedParent}
     */
    void commit(String dataset, long expectedParent, VersionManifest manifest);
}
