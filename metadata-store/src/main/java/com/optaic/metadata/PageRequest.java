package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import java.util.Optional;

/** Keyset paging: an opaque cursor from the previous page, or none for the first page. */
public record PageRequest(Optional<String> cursor, int limit) {
    public static final int MAX_LIMIT = 1000;

    public PageRequest {
        requireNonNull(cursor, "cursor is null");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new OptaicException(
                    MetadataErrorCode.INVALID_INPUT,
                    "Page limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(Optional.empty(), limit);
    }

    public PageRequest after(String nextCursor) {
        return new PageRequest(Optional.of(nextCursor), limit);
    }
}
