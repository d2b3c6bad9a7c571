package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

/** A definition resource: the code_ref of its latest version and how many versions it has. */
public record Definition(Resource resource, String codeRef, int latestVersion) {
    public Definition {
        requireNonNull(resource, "resource is null");
        requireNonNull(codeRef, "codeRef is null");
    }
}
