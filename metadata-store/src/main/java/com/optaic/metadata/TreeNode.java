package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A node with its children, ordered by name. */
public record TreeNode(Resource resource, List<TreeNode> children) {
    public TreeNode {
        requireNonNull(resource, "resource is null");
        children = List.copyOf(children);
    }
}
