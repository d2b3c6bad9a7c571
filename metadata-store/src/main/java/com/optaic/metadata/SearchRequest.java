package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.UUID;

/** A search within the caller's tenant, optionally below one node, over what the caller may read. */
public record SearchRequest(Optional<UUID> under, ResourceFilter filter, PageRequest page) {
    public SearchRequest {
        requireNonNull(under, "under is null");
        requireNonNull(filter, "filter is null");
        requireNonNull(page, "page is null");
    }

    public static SearchRequest of(ResourceFilter filter, int limit) {
        return new SearchRequest(Optional.empty(), filter, PageRequest.first(limit));
    }
}
