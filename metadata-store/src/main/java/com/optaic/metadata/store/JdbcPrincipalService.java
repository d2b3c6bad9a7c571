package com.optaic.metadata.store;

import com.optaic.common.OptaicException;
import com.optaic.metadata.Actor;
import com.optaic.metadata.IssuedToken;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.Permission;
import com.optaic.metadata.Principal;
import com.optaic.metadata.PrincipalKind;
import com.optaic.metadata.PrincipalService;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Role;
import com.optaic.metadata.SystemIds;
import com.optaic.metadata.Tenant;
import com.optaic.metadata.TenantCreation;
import com.optaic.metadata.TokenInfo;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** {@link PrincipalService} over {@code tenants}, {@code principals} and {@code api_tokens}. */
final class JdbcPrincipalService implements PrincipalService {
    static final String INSERT_TENANT = "INSERT INTO tenants (id, name) VALUES (?, ?) RETURNING id, name, created_at";

    static final String INSERT_PRINCIPAL = """
            INSERT INTO principals (id, tenant_id, kind, email, display_name) VALUES (?, ?, ?, ?, ?)
            """;

    static final String COLUMNS = "p.id, p.tenant_id, p.kind, p.email, p.display_name, p.status, p.created_at";

    static final String GET = "SELECT %s FROM principals p WHERE p.id = ? AND p.tenant_id = ?".formatted(COLUMNS);

    static final String BY_EMAIL = """
            SELECT %s FROM principals p WHERE p.tenant_id = ? AND lower(p.email) = lower(?)
            """.formatted(COLUMNS);

    static final String DISABLE = """
            UPDATE principals SET status = 'disabled', row_version = row_version + 1
            WHERE id = ? AND tenant_id = ? AND status = 'active'
            """;

    static final String TENANT_ROOT = "SELECT id FROM resources WHERE tenant_id = ? AND parent_id IS NULL";

    static final String INSERT_GRANT = """
            INSERT INTO grants (id, tenant_id, resource_id, principal_id, role, granted_by) VALUES (?, ?, ?, ?, ?, ?)
            """;

    static final String INSERT_TOKEN = """
            INSERT INTO api_tokens (id, tenant_id, principal_id, name, token_hash, expires_at, prefix)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """;

    static final String LIST =
            "SELECT %s FROM principals p WHERE p.tenant_id = ? ORDER BY p.created_at, p.id".formatted(COLUMNS);

    static final String TOKENS = """
            SELECT id, principal_id, name, prefix, created_at, expires_at, revoked_at FROM api_tokens
            WHERE principal_id = ? AND tenant_id = ? ORDER BY created_at DESC, id
            """;

    /** How many characters of a token {@code token list} shows: "optaic_" and 5 of its 43 random ones. */
    static final int SHOWN_PREFIX = 12;

    static final String TOKEN_OWNER = "SELECT principal_id FROM api_tokens WHERE id = ? AND tenant_id = ?";

    static final String REVOKE_TOKEN = """
            UPDATE api_tokens SET revoked_at = clock_timestamp() WHERE id = ? AND tenant_id = ? AND revoked_at IS NULL
            """;

    static final String AUTHENTICATE = """
            SELECT p.id, p.tenant_id FROM api_tokens t
            JOIN principals p ON p.id = t.principal_id AND p.tenant_id = t.tenant_id
            WHERE t.token_hash = ? AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > clock_timestamp())
              AND p.status = 'active'
            """;

    static final String TOKEN_PREFIX = "optaic_";

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    static final RowMapper<Principal> MAPPER = (rs, n) -> new Principal(
            Sql.uuid(rs, "id"),
            Sql.uuid(rs, "tenant_id"),
            PrincipalKind.fromWireName(rs.getString("kind")),
            Optional.ofNullable(rs.getString("email")),
            rs.getString("display_name"),
            "active".equals(rs.getString("status")),
            Sql.instant(rs, "created_at"));

    private final SecureRandom random = new SecureRandom();
    private final JdbcTemplate jdbc;
    private final Tx tx;
    private final AccessControl access;
    private final ResourceWriter writer;
    private final Activities activities;

    JdbcPrincipalService(StoreContext context) {
        this.jdbc = context.jdbc();
        this.tx = context.tx();
        this.access = context.access();
        this.writer = context.writer();
        this.activities = context.activities();
    }

    @Override
    public TenantCreation createTenant(Actor actor, String name, String adminEmail, String adminDisplayName) {
        Inputs.name("Tenant name", name);
        checkEmail(adminEmail);
        Inputs.name("Display name", adminDisplayName);
        return tx.write(() -> {
            if (!actor.tenantId().equals(SystemIds.SYSTEM_TENANT)) {
                throw new OptaicException(
                        MetadataErrorCode.PERMISSION_DENIED,
                        "Cannot create tenant '" + name + "': only system administrators create tenants");
            }
            access.require(actor, SystemIds.SYSTEM_TENANT_ROOT, Permission.GRANT, "create tenants in");
            Tenant tenant = jdbc.queryForObject(
                    INSERT_TENANT,
                    (rs, n) -> new Tenant(Sql.uuid(rs, "id"), rs.getString("name"), Sql.instant(rs, "created_at")),
                    UUID.randomUUID(),
                    name);
            UUID adminId = UUID.randomUUID();
            jdbc.update(
                    INSERT_PRINCIPAL,
                    adminId,
                    tenant.id(),
                    PrincipalKind.USER.wireName(),
                    adminEmail,
                    adminDisplayName);
            Actor admin = new Actor(adminId, tenant.id(), actor.requestId());
            activities.record(actor, "tenant.created", "tenant", tenant.id(), null, tenant);
            activities.record(
                    admin,
                    "principal.created",
                    "principal",
                    adminId,
                    null,
                    Map.of(
                            "email",
                            adminEmail,
                            "created_by",
                            actor.principalId().toString()));
            Resource root = writer.insert(
                    admin,
                    new ResourceWriter.Spec(
                            UUID.randomUUID(),
                            tenant.id(),
                            Optional.empty(),
                            ResourceType.TenantRoot,
                            name,
                            Optional.empty(),
                            adminId,
                            "",
                            List.of(),
                            Json.object()));
            jdbc.update(
                    INSERT_GRANT,
                    UUID.randomUUID(),
                    tenant.id(),
                    root.id(),
                    adminId,
                    Role.OWNER.wireName(),
                    actor.principalId());
            activities.resource(
                    admin,
                    "grant.created",
                    root.id(),
                    null,
                    Map.of("principal_id", adminId.toString(), "role", Role.OWNER.wireName()));
            return new TenantCreation(tenant, root, jdbc.queryForObject(GET, MAPPER, adminId, tenant.id()));
        });
    }

    @Override
    public Principal createPrincipal(Actor actor, PrincipalKind kind, Optional<String> email, String displayName) {
        return tx.write(() -> createPrincipalChecked(actor, kind, email, displayName));
    }

    /** Creates a principal inside the caller's transaction; needs {@code grant} on the tenant root. */
    Principal createPrincipalChecked(Actor actor, PrincipalKind kind, Optional<String> email, String displayName) {
        email.ifPresent(JdbcPrincipalService::checkEmail);
        if (kind == PrincipalKind.USER && email.isEmpty()) {
            throw Inputs.invalid("A user needs an email address");
        }
        Inputs.name("Display name", displayName);
        access.require(actor, tenantRoot(actor), Permission.GRANT, "create principals in");
        UUID id = UUID.randomUUID();
        try {
            jdbc.update(INSERT_PRINCIPAL, id, actor.tenantId(), kind.wireName(), email.orElse(null), displayName);
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw new OptaicException(
                    MetadataErrorCode.ALREADY_EXISTS,
                    "Cannot create principal: email '" + email.orElse("") + "' is already taken in this tenant",
                    e);
        }
        Principal principal = jdbc.queryForObject(GET, MAPPER, id, actor.tenantId());
        activities.record(actor, "principal.created", "principal", id, null, principal);
        return principal;
    }

    UUID tenantRoot(Actor actor) {
        return jdbc.query(TENANT_ROOT, (rs, n) -> Sql.uuid(rs, "id"), actor.tenantId()).stream()
                .findFirst()
                .orElseThrow(() -> new OptaicException(
                        MetadataErrorCode.METADATA_NOT_FOUND, "Tenant " + actor.tenantId() + " not found"));
    }

    @Override
    public Principal get(Actor actor, UUID principalId) {
        return tx.read(() -> {
            requireMember(actor);
            return jdbc.query(GET, MAPPER, principalId, actor.tenantId()).stream()
                    .findFirst()
                    .orElseThrow(() -> new OptaicException(
                            MetadataErrorCode.METADATA_NOT_FOUND, "Principal " + principalId + " not found"));
        });
    }

    @Override
    public Optional<Principal> findByEmail(Actor actor, String email) {
        Inputs.text("Email", email, 320);
        return tx.read(() -> {
            requireMember(actor);
            return jdbc.query(BY_EMAIL, MAPPER, actor.tenantId(), email).stream()
                    .findFirst();
        });
    }

    @Override
    public List<Principal> list(Actor actor) {
        return tx.read(() -> {
            requireMember(actor);
            return jdbc.query(LIST, MAPPER, actor.tenantId());
        });
    }

    @Override
    public List<TokenInfo> tokens(Actor actor, UUID principalId) {
        return tx.read(() -> {
            if (!principalId.equals(actor.principalId())) {
                access.require(actor, tenantRoot(actor), Permission.GRANT, "list tokens of other principals in");
            }
            requireMember(actor);
            return jdbc.query(
                    TOKENS,
                    (rs, n) -> new TokenInfo(
                            Sql.uuid(rs, "id"),
                            Sql.uuid(rs, "principal_id"),
                            rs.getString("name"),
                            Optional.ofNullable(rs.getString("prefix")),
                            Sql.instant(rs, "created_at"),
                            Optional.ofNullable(Sql.instant(rs, "expires_at")),
                            Optional.ofNullable(Sql.instant(rs, "revoked_at"))),
                    principalId,
                    actor.tenantId());
        });
    }

    /** The directory of a tenant is visible to its own active principals only. */
    private void requireMember(Actor actor) {
        if (jdbc.query(GET, MAPPER, actor.principalId(), actor.tenantId()).stream()
                .noneMatch(Principal::active)) {
            throw new OptaicException(
                    MetadataErrorCode.METADATA_NOT_FOUND, "Tenant " + actor.tenantId() + " not found");
        }
    }

    @Override
    public Principal disable(Actor actor, UUID principalId) {
        if (principalId.equals(actor.principalId())) {
            throw Inputs.invalid("Cannot disable yourself: another administrator disables you");
        }
        if (principalId.equals(SystemIds.SYSTEM_PRINCIPAL)) {
            // the administrator of the embedded store and of the database host, who makes the first tokens
            throw Inputs.invalid("Cannot disable the bootstrap administrator " + SystemIds.SYSTEM_PRINCIPAL_EMAIL);
        }
        return tx.write(() -> {
            access.require(actor, tenantRoot(actor), Permission.GRANT, "disable principals in");
            Principal before = jdbc.query(GET, MAPPER, principalId, actor.tenantId()).stream()
                    .findFirst()
                    .orElseThrow(() -> new OptaicException(
                            MetadataErrorCode.METADATA_NOT_FOUND, "Principal " + principalId + " not found"));
            if (jdbc.update(DISABLE, principalId, actor.tenantId()) == 0) {
                return before;
            }
            Principal after = jdbc.queryForObject(GET, MAPPER, principalId, actor.tenantId());
            activities.record(actor, "principal.disabled", "principal", principalId, before, after);
            return after;
        });
    }

    @Override
    public IssuedToken issueToken(Actor actor, UUID principalId, String name, Optional<Duration> validFor) {
        Inputs.name("Token name", name);
        validFor.ifPresent(d -> {
            if (d.isNegative() || d.isZero()) {
                throw Inputs.invalid("A token must be valid for a positive duration, got " + d);
            }
        });
        return tx.write(() -> {
            if (!principalId.equals(actor.principalId())) {
                access.require(actor, tenantRoot(actor), Permission.GRANT, "issue tokens for other principals in");
            }
            Principal principal = jdbc.query(GET, MAPPER, principalId, actor.tenantId()).stream()
                    .findFirst()
                    .filter(Principal::active)
                    .orElseThrow(() -> new OptaicException(
                            MetadataErrorCode.METADATA_NOT_FOUND, "Active principal " + principalId + " not found"));
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            String token =
                    TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            UUID id = UUID.randomUUID();
            Optional<Instant> expires = validFor.map(d -> Instant.now().plus(d));
            jdbc.update(
                    INSERT_TOKEN,
                    id,
                    actor.tenantId(),
                    principal.id(),
                    name,
                    hash(token),
                    expires.map(Sql::timestamp).orElse(null),
                    token.substring(0, SHOWN_PREFIX));
            Map<String, Object> after = new HashMap<>();
            after.put("principal_id", principal.id().toString());
            after.put("name", name);
            after.put("expires_at", expires.map(Instant::toString).orElse(null));
            activities.record(actor, "token.issued", "token", id, null, after);
            return new IssuedToken(id, principal.id(), token, expires);
        });
    }

    @Override
    public void revokeToken(Actor actor, UUID tokenId) {
        tx.writeVoid(() -> {
            UUID owner =
                    jdbc.query(TOKEN_OWNER, (rs, n) -> Sql.uuid(rs, "principal_id"), tokenId, actor.tenantId()).stream()
                            .findFirst()
                            .orElseThrow(() -> new OptaicException(
                                    MetadataErrorCode.METADATA_NOT_FOUND, "Token " + tokenId + " not found"));
            if (!owner.equals(actor.principalId())) {
                access.require(actor, tenantRoot(actor), Permission.GRANT, "revoke tokens of other principals in");
            }
            if (jdbc.update(REVOKE_TOKEN, tokenId, actor.tenantId()) == 1) {
                activities.record(actor, "token.revoked", "token", tokenId, null, null);
            }
        });
    }

    @Override
    public Optional<Actor> authenticate(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 200) {
            return Optional.empty();
        }
        return tx.read(() -> jdbc
                .query(AUTHENTICATE, (rs, n) -> Actor.of(Sql.uuid(rs, "id"), Sql.uuid(rs, "tenant_id")), (Object)
                        hash(token))
                .stream()
                .findFirst());
    }

    static byte[] hash(String token) {
        return Hashing.sha256(token.getBytes(StandardCharsets.UTF_8));
    }

    static void checkEmail(String email) {
        Inputs.text("Email", email, 320);
        if (!EMAIL.matcher(email).matches()) {
            throw Inputs.invalid("'" + email + "' is not an email address");
        }
    }
}
