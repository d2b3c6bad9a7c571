package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What the store keeps of an API token, never its secret: the secret is stored hashed. {@code prefix} is the
 * token's first characters (enough to recognise one token among a principal's), empty for tokens issued before
 * prefixes were kept.
 */
public record TokenInfo(
        UUID id,
        UUID principalId,
        String name,
        Optional<String> prefix,
        Instant createdAt,
        Optional<Instant> expiresAt,
        Optional<Instant> revokedAt) {
    public TokenInfo {
        requireNonNull(id, "id is null");
        requireNonNull(principalId, "principalId is null");
        requireNonNull(name, "name is null");
        requireNonNull(prefix, "prefix is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(expiresAt, "expiresAt is null");
        requireNonNull(revokedAt, "revokedAt is null");
    }

    /** Whether the token would authenticate at {@code now} (its principal's status aside). */
    public boolean usableAt(Instant now) {
        return revokedAt.isEmpty() && expiresAt.map(now::isBefore).orElse(true);
    }
}
