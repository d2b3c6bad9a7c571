package com.optaic.metadata.store;

import static com.optaic.metadata.store.TestingStore.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.OptaicException;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Grant;
import com.optaic.metadata.IssuedToken;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.Permission;
import com.optaic.metadata.Principal;
import com.optaic.metadata.PrincipalKind;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Role;
import com.optaic.metadata.SpaceCreation;
import com.optaic.metadata.SpaceKind;
import com.optaic.metadata.SystemIds;
import com.optaic.metadata.TokenInfo;
import com.optaic.metadata.UserCreation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SpaceAndPrincipalIT {
    static TestingStore testing;

    @BeforeAll
    static void start() {
        testing = TestingStore.create();
    }

    @AfterAll
    static void stop() {
        testing.close();
    }

    @Test
    void aNewUserOwnsAPersonalSpaceWithOfficialAndStagingAndMayViewTheSystemSpace() {
        UserCreation user = testing.store.spaces().createUserWithPersonalSpace(ADMIN, "dana@example.com", "Dana");
        Actor dana = user.principal().asActor();
        SpaceCreation space = user.personalSpace();
        assertThat(space.space().type()).isEqualTo(ResourceType.Space);
        assertThat(space.space().kind()).contains(SpaceKind.PERSONAL.wireName());
        assertThat(space.official().kind()).contains("official");
        assertThat(space.staging().kind()).contains("staging");
        assertThat(testing.store.access().permissions(dana, space.staging().id()))
                .containsExactlyInAnyOrder(Permission.values());
        assertThat(testing.store.access().permissions(dana, SystemIds.SYSTEM_PROJECT))
                .containsExactly(Permission.READ);
        assertThat(testing.verbs(user.principal().id())).containsExactly("principal.created");
        testing.assertLastActivity(space.space().id(), "grant.created", ADMIN);
        assertThat(testing.verbs(space.official().id())).containsExactly("resource.created");
        assertThatThrownBy(() -> testing.store.spaces().createUserWithPersonalSpace(ADMIN, "DANA@example.com", "Again"))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.code()).isEqualTo(MetadataErrorCode.ALREADY_EXISTS));
        assertThatThrownBy(() -> testing.store.spaces().createUserWithPersonalSpace(dana, "eve@example.com", "Eve"))
                .isInstanceOfSatisfying(
                        OptaicException.class,
                        e -> assertThat(e.category()).isEqualTo(com.optaic.common.ErrorCategory.NOT_FOUND));
    }

    @Test
    void aTeamSpaceHasAnOwnerAndOperatorMembers() {
        Principal owner = testing.newUser().principal();
        Principal member = testing.newUser().principal();
        SpaceCreation team =
                testing.store.spaces().createTeamSpace(ADMIN, "research", owner.id(), List.of(member.id()));
        assertThat(testing.store.access().grantsOn(owner.asActor(), team.space().id()))
                .extracting(Grant::principalId, Grant::role)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(owner.id(), Role.OWNER),
                        org.assertj.core.groups.Tuple.tuple(member.id(), Role.OPERATOR));
        assertThat(testing.store
                        .access()
                        .permissions(member.asActor(), team.staging().id()))
                .containsExactlyInAnyOrderElementsOf(Role.OPERATOR.defaultPermissions());
        assertThat(testing.verbs(team.space().id()))
                .containsExactly("resource.created", "grant.created", "grant.created");
    }

    @Test
    void tokensAreShownOnceStoredHashedAndStopWorkingWhenRevoked() {
        Principal bot = testing.store
                .principals()
                .createPrincipal(ADMIN, PrincipalKind.SERVICE_ACCOUNT, Optional.empty(), "scheduler");
        testing.assertLastActivity(bot.id(), "principal.created", ADMIN);
        IssuedToken token =
                testing.store.principals().issueToken(ADMIN, bot.id(), "nightly", Optional.of(Duration.ofDays(1)));
        assertThat(token.token()).startsWith("optaic_").hasSizeGreaterThan(40);
        assertThat(token.toString()).doesNotContain(token.token());
        testing.assertLastActivity(token.tokenId(), "token.issued", ADMIN);
        byte[] stored = testing.admin.queryForObject(
                "SELECT token_hash FROM api_tokens WHERE id = ?", byte[].class, token.tokenId());
        assertThat(stored).hasSize(32).isNotEqualTo(token.token().getBytes(StandardCharsets.UTF_8));
        assertThat(testing.admin.queryForObject(
                        "SELECT count(*) FROM activities WHERE after::text LIKE ?",
                        Long.class,
                        "%" + token.token().substring(7) + "%"))
                .isZero();

        assertThat(testing.store.principals().authenticate(token.token())).contains(bot.asActor());
        assertThat(testing.store.principals().authenticate(token.token() + "x")).isEmpty();
        assertThat(testing.store.principals().authenticate("'; DROP TABLE api_tokens; --"))
                .isEmpty();
        testing.store.principals().revokeToken(bot.asActor(), token.tokenId());
        testing.assertLastActivity(token.tokenId(), "token.revoked", bot.asActor());
        assertThat(testing.store.principals().authenticate(token.token())).isEmpty();

        IssuedToken second = testing.store.principals().issueToken(bot.asActor(), bot.id(), "own", Optional.empty());
        assertThat(testing.store.principals().authenticate(second.token())).isPresent();
        testing.store.principals().disable(ADMIN, bot.id());
        testing.assertLastActivity(bot.id(), "principal.disabled", ADMIN);
        assertThat(testing.store.principals().authenticate(second.token())).isEmpty();
        Actor other = testing.newUser().principal().asActor();
        assertThatThrownBy(() -> testing.store.principals().issueToken(other, bot.id(), "steal", Optional.empty()))
                .isInstanceOf(OptaicException.class);
    }

    @Test
    void tokenListsShowNoSecretAndOnlyToTheirOwnerOrAnAdministrator() {
        Principal owner = testing.newUser().principal();
        Principal other = testing.newUser().principal();
        IssuedToken first = testing.store.principals().issueToken(owner.asActor(), owner.id(), "a", Optional.empty());
        IssuedToken second =
                testing.store.principals().issueToken(ADMIN, owner.id(), "b", Optional.of(Duration.ofHours(1)));
        testing.store.principals().revokeToken(owner.asActor(), first.tokenId());
        List<TokenInfo> tokens = testing.store.principals().tokens(owner.asActor(), owner.id());
        assertThat(tokens).extracting(TokenInfo::id).containsExactly(second.tokenId(), first.tokenId());
        assertThat(tokens.get(0).prefix()).contains(second.token().substring(0, 12));
        assertThat(tokens.get(0).usableAt(Instant.now())).isTrue();
        assertThat(tokens.get(0).usableAt(Instant.now().plus(Duration.ofHours(2))))
                .isFalse();
        assertThat(tokens.get(1).revokedAt()).isPresent();
        assertThat(tokens.toString()).doesNotContain(second.token()).doesNotContain(first.token());
        assertThat(testing.store.principals().tokens(ADMIN, owner.id())).hasSize(2);
        assertThatThrownBy(() -> testing.store.principals().tokens(other.asActor(), owner.id()))
                .isInstanceOfSatisfying(
                        OptaicException.class,
                        e -> assertThat(e.category()).isEqualTo(com.optaic.common.ErrorCategory.NOT_FOUND));
        assertThat(testing.store.principals().list(other.asActor()))
                .extracting(Principal::id)
                .contains(owner.id(), other.id(), SystemIds.SYSTEM_PRINCIPAL);
    }

    @Test
    void effectiveGrantsAreTheNodesOwnAndItsAncestorsNearestFirst() {
        UserCreation user = testing.newUser();
        Principal viewer = testing.newUser().principal();
        Actor owner = user.principal().asActor();
        Resource project = testing.project(owner, user.personalSpace().staging().id());
        Grant direct = testing.store.access().grant(owner, project.id(), viewer.id(), Role.VIEWER);
        List<Grant> grants = testing.store.access().effectiveGrants(owner, project.id());
        assertThat(grants.get(0)).isEqualTo(direct);
        assertThat(grants)
                .extracting(Grant::resourceId, Grant::principalId, Grant::role)
                .contains(org.assertj.core.groups.Tuple.tuple(
                        user.personalSpace().space().id(), user.principal().id(), Role.OWNER));
        // the viewer sees the grants; someone without read does not learn the node exists
        assertThat(testing.store.access().effectiveGrants(viewer.asActor(), project.id()))
                .hasSameSizeAs(grants);
        Actor stranger = testing.newUser().principal().asActor();
        assertThatThrownBy(() -> testing.store.access().effectiveGrants(stranger, project.id()))
                .isInstanceOfSatisfying(
                        OptaicException.class,
                        e -> assertThat(e.code()).isEqualTo(MetadataErrorCode.METADATA_NOT_FOUND));
    }

    @Test
    void noOneDisablesThemselvesOrTheBootstrapAdministrator() {
        Principal user = testing.newUser().principal();
        assertThatThrownBy(() -> testing.store.principals().disable(ADMIN, SystemIds.SYSTEM_PRINCIPAL))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.code()).isEqualTo(MetadataErrorCode.INVALID_INPUT));
        assertThatThrownBy(() -> testing.store.principals().disable(user.asActor(), user.id()))
                .isInstanceOfSatisfying(
                        OptaicException.class, e -> assertThat(e.code()).isEqualTo(MetadataErrorCode.INVALID_INPUT));
        assertThat(testing.store.principals().get(ADMIN, user.id()).active()).isTrue();
        assertThat(testing.store
                        .principals()
                        .get(ADMIN, SystemIds.SYSTEM_PRINCIPAL)
                        .active())
                .isTrue();
    }
}
