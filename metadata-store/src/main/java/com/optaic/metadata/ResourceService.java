package com.optaic.metadata;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The resource tree: containers created here, definitions, instances and runs through their own services.
 * Reads need {@code read}; a resource the caller cannot read, or of another tenant, is reported as not found.
 * Updates take the row version the caller read and fail with a conflict if someone else wrote first.
 */
public interface ResourceService {
    /** Creates a Space, Subspace or Project; needs {@code create} on the parent. */
    Resource create(Actor actor, NewResource resource);

    Resource get(Actor actor, UUID id);

    /** The child of {@code parentId} with this name, if the caller may read the parent. */
    Optional<Resource> findChild(Actor actor, UUID parentId, String name);

    /** Children ordered by name, a page at a time. */
    Page<Resource> children(Actor actor, UUID parentId, PageRequest page);

    /** The subtree under {@code rootId}, at most {@code maxDepth} levels below it. */
    TreeNode tree(Actor actor, UUID rootId, int maxDepth);

    /** Renames; needs {@code update}. */
    Resource rename(Actor actor, UUID id, long expectedRowVersion, String newName);

    /** Replaces description and tags; needs {@code update}. */
    Resource describe(Actor actor, UUID id, long expectedRowVersion, String description, List<String> tags);

    /** Archives; needs {@code delete}. Archived resources stay readable and refuse further writes. */
    Resource archive(Actor actor, UUID id, long expectedRowVersion);

    /**
     * Copies a project, definition or instance under {@code targetParentId}, owned by the caller, with a
     * {@code derived_from} lineage edge from the source; needs {@code read} on the source and {@code create}
     * on the target. A definition copy gets the source's latest version as version 1; an instance copy gets its
     * current config and pins. Runs are not copied.
     */
    Resource copy(Actor actor, UUID sourceId, UUID targetParentId, String newName);

    /** Searches what the caller may read, ordered by name, paged by cursor. */
    Page<Resource> search(Actor actor, SearchRequest request);
}
