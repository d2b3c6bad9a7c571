package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The schema version of the database and the migrations applied and pending, for {@code optaic db status}. */
public record MigrationStatus(Optional<String> currentVersion, List<Migration> applied, List<Migration> pending) {
    /** One migration: version, description, Flyway state and when it was applied. */
    public record Migration(String version, String description, String state, Optional<Instant> installedOn) {
        public Migration {
            requireNonNull(version, "version is null");
            requireNonNull(description, "description is null");
            requireNonNull(state, "state is null");
            requireNonNull(installedOn, "installedOn is null");
        }
    }

    public MigrationStatus {
        requireNonNull(currentVersion, "currentVersion is null");
        applied = List.copyOf(applied);
        pending = List.copyOf(pending);
    }
}
