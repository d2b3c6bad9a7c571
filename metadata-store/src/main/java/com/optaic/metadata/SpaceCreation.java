package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

/** A space and the official and staging subspaces created with it. */
public record SpaceCreation(Resource space, Resource official, Resource staging) {
    public SpaceCreation {
        requireNonNull(space, "space is null");
        requireNonNull(official, "official is null");
        requireNonNull(staging, "staging is null");
    }
}
