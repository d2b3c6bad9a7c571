package com.optaic.metadata;

import java.util.List;

/** What the bootstrap found or made: whether the system tenant was new, and the built-in definitions. */
public record BootstrapResult(boolean systemCreated, List<Definition> builtins) {
    public BootstrapResult {
        builtins = List.copyOf(builtins);
    }
}
