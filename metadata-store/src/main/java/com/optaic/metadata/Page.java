package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** One page of results and the cursor for the next page, absent on the last page. */
public record Page<T>(List<T> items, Optional<String> nextCursor) {
    public Page {
        items = List.copyOf(items);
        requireNonNull(nextCursor, "nextCursor is null");
    }
}
