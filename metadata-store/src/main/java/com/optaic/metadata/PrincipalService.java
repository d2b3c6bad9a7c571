package com.optaic.metadata;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Tenants, principals and API tokens. Creating principals needs {@code grant} on the tenant root; creating a
 * tenant needs {@code grant} on the system tenant's root. Tokens are shown once and stored hashed.
 */
public interface PrincipalService {
    TenantCreation createTenant(Actor actor, String name, String adminEmail, String adminDisplayName);

    Principal createPrincipal(Actor actor, PrincipalKind kind, Optional<String> email, String displayName);

    Principal get(Actor actor, UUID principalId);

    Optional<Principal> findByEmail(Actor actor, String email);

    /** The tenant's principals, active and disabled, by creation; visible to the tenant's active principals. */
    List<Principal> list(Actor actor);

    /** Disables a principal: its tokens stop authenticating. */
    Principal disable(Actor actor, UUID principalId);

    /** Issues a token for the caller, or for another principal with {@code grant} on the tenant root. */
    IssuedToken issueToken(Actor actor, UUID principalId, String name, Optional<Duration> validFor);

    void revokeToken(Actor actor, UUID tokenId);

    /**
     * A principal's tokens (never their secrets), newest first: the caller's own, or another's with {@code grant}
     * on the tenant root.
     */
    List<TokenInfo> tokens(Actor actor, UUID principalId);

    /** The actor a token stands for, if the token is known, unexpired, unrevoked and its principal active. */
    Optional<Actor> authenticate(String token);
}
