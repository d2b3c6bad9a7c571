package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A newly issued API token. {@code token} is the only copy of the secret: the store keeps its SHA-256 hash, so
 * it cannot be shown again. {@link #toString()} leaves it out.
 */
public record IssuedToken(UUID tokenId, UUID principalId, String token, Optional<Instant> expiresAt) {
    public IssuedToken {
        requireNonNull(tokenId, "tokenId is null");
        requireNonNull(principalId, "principalId is null");
        requireNonNull(token, "token is null");
        requireNonNull(expiresAt, "expiresAt is null");
    }

    @Override
    public String toString() {
        return "IssuedToken[tokenId=" + tokenId + ", principalId=" + principalId + ", expiresAt=" + expiresAt + "]";
    }
}
