package com.optaic.metadata.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.common.OptaicException;
import com.optaic.metadata.Actor;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.Resource;
import com.optaic.metadata.UserCreation;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code MetadataStore.inTransaction}: the store calls made inside it commit together or not at all. */
class StoreTransactionIT {
    static TestingStore testing;
    static Actor alice;
    static UUID staging;

    @BeforeAll
    static void start() {
        testing = TestingStore.create();
        UserCreation user = testing.newUser();
        alice = user.principal().asActor();
        staging = user.personalSpace().staging().id();
    }

    @AfterAll
    static void stop() {
        testing.close();
    }

    @Test
    void callsInsideCommitTogether() {
        List<Resource> created = testing.store.inTransaction(
                () -> List.of(testing.project(alice, staging), testing.project(alice, staging)));
        for (Resource project : created) {
            assertThat(testing.store.resources().get(alice, project.id()).name())
                    .isEqualTo(project.name());
            assertThat(testing.verbs(project.id())).isNotEmpty();
        }
    }

    @Test
    void aFailureInsideRollsBackEveryCall() {
        UUID[] created = new UUID[2];
        long activities = testing.activityCount();
        assertThatThrownBy(() -> testing.store.inTransaction(() -> {
                    created[0] = testing.project(alice, staging).id();
                    created[1] = testing.project(alice, staging).id();
                    throw new IllegalStateException("work failed after two creations");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("work failed after two creations");
        assertThat(created).doesNotContainNull();
        for (UUID id : created) {
            assertThatThrownBy(() -> testing.store.resources().get(alice, id))
                    .isInstanceOfSatisfying(
                            OptaicException.class,
                            e -> assertThat(e.code()).isEqualTo(MetadataErrorCode.METADATA_NOT_FOUND));
        }
        assertThat(testing.activityCount()).isEqualTo(activities);
    }
}
