package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

/** A new user and the personal space they own. */
public record UserCreation(Principal principal, SpaceCreation personalSpace) {
    public UserCreation {
        requireNonNull(principal, "principal is null");
        requireNonNull(personalSpace, "personalSpace is null");
    }
}
