package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Refused attempts: permission denied, not found (perhaps because hidden), a bad or blank token. Append-only in the
 * database; rate-limited per (principal or token prefix, operation) to {@link #PER_MINUTE} a minute, the attempts
 * beyond that counted and carried by the next recorded one ({@link Denial#suppressedBefore}).
 */
public interface DenialLog {
    /** At most this many denials of one (who, operation) are recorded per minute. */
    int PER_MINUTE = 20;

    /** One recorded refusal. */
    record Denial(
            long id,
            Instant at,
            Optional<UUID> tenantId,
            Optional<UUID> principalId,
            Optional<String> tokenPrefix,
            String operation,
            Optional<UUID> targetId,
            String reason,
            long suppressedBefore) {
        public Denial {
            requireNonNull(at, "at is null");
            requireNonNull(operation, "operation is null");
            requireNonNull(reason, "reason is null");
        }
    }

    /**
     * Records a refusal of {@code actor} (an authenticated principal), in its own transaction. Returns false when
     * the rate limit suppressed it (it is then only counted).
     */
    boolean denied(Actor actor, String operation, Optional<UUID> targetId, String reason);

    /** Records a refused token, known only by its first characters (never the whole secret). */
    boolean badToken(String token, String operation, String reason);

    /**
     * The latest refusals, newest first: of the actor's tenant, and for the system tenant also the bad tokens (no
     * tenant). Needs {@code audit_read} on the tenant root.
     */
    List<Denial> recent(Actor actor, int limit);

    /** The first characters of a token that are recorded (a prefix, never the secret). */
    static String tokenPrefix(String token) {
        String stripped = token.strip();
        return stripped.substring(0, Math.min(12, stripped.length()));
    }
}
