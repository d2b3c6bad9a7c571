package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the metadata database is. With no {@code url}, an embedded PostgreSQL starts with its data under
 * {@code home}/postgres and keeps it across restarts. With a {@code url}, the store connects as {@code user};
 * migrations run as {@code migrationUser} if given (a separate owner role), else as {@code user}.
 */
public record MetadataStoreConfig(
        Optional<String> url,
        Optional<String> user,
        Optional<String> password,
        Optional<String> migrationUser,
        Optional<String> migrationPassword,
        Path home,
        int embeddedPort,
        int poolSize,
        boolean migrateOnStart) {
    public MetadataStoreConfig {
        requireNonNull(url, "url is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        requireNonNull(migrationUser, "migrationUser is null");
        requireNonNull(migrationPassword, "migrationPassword is null");
        requireNonNull(home, "home is null");
        if (embeddedPort < 0 || embeddedPort > 65535) {
            throw new OptaicException(
                    MetadataErrorCode.INVALID_INPUT, "OPTAIC_DB_PORT must be 0..65535, got " + embeddedPort);
        }
        if (poolSize < 1) {
            throw new OptaicException(
                    MetadataErrorCode.INVALID_INPUT, "OPTAIC_DB_POOL_SIZE must be positive, got " + poolSize);
        }
    }

    /**
     * Reads {@code OPTAIC_DB_URL}, {@code OPTAIC_DB_USER}, {@code OPTAIC_DB_PASSWORD},
     * {@code OPTAIC_DB_MIGRATION_USER}, {@code OPTAIC_DB_MIGRATION_PASSWORD}, {@code OPTAIC_HOME} (default
     * {@code ~/.optaic}), {@code OPTAIC_DB_PORT} (embedded server port, default any free port) and
     * {@code OPTAIC_DB_POOL_SIZE} (default 8).
     */
    public static MetadataStoreConfig fromEnvironment(Map<String, String> env) {
        Path home = Optional.ofNullable(blankToNull(env.get("OPTAIC_HOME")))
                .map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".optaic"));
        return new MetadataStoreConfig(
                optional(env, "OPTAIC_DB_URL"),
                optional(env, "OPTAIC_DB_USER"),
                optional(env, "OPTAIC_DB_PASSWORD"),
                optional(env, "OPTAIC_DB_MIGRATION_USER"),
                optional(env, "OPTAIC_DB_MIGRATION_PASSWORD"),
                home,
                integer(env, "OPTAIC_DB_PORT", 0),
                integer(env, "OPTAIC_DB_POOL_SIZE", 8),
                true);
    }

    public static MetadataStoreConfig embedded(Path home) {
        return new MetadataStoreConfig(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                home,
                0,
                8,
                true);
    }

    public static MetadataStoreConfig external(String url, String user, String password) {
        return new MetadataStoreConfig(
                Optional.of(url),
                Optional.of(user),
                Optional.of(password),
                Optional.empty(),
                Optional.empty(),
                Path.of(System.getProperty("user.home"), ".optaic"),
                0,
                8,
                true);
    }

    public MetadataStoreConfig withMigrationUser(String newMigrationUser, Optional<String> newMigrationPassword) {
        return new MetadataStoreConfig(
                url,
                user,
                password,
                Optional.of(newMigrationUser),
                newMigrationPassword,
                home,
                embeddedPort,
                poolSize,
                migrateOnStart);
    }

    public MetadataStoreConfig withMigrateOnStart(boolean migrate) {
        return new MetadataStoreConfig(
                url, user, password, migrationUser, migrationPassword, home, embeddedPort, poolSize, migrate);
    }

    public MetadataStoreConfig withPoolSize(int size) {
        return new MetadataStoreConfig(
                url, user, password, migrationUser, migrationPassword, home, embeddedPort, size, migrateOnStart);
    }

    public boolean isEmbedded() {
        return url.isEmpty();
    }

    @Override
    public String toString() {
        return "MetadataStoreConfig[url=" + url.orElse("(embedded)") + ", user=" + user.orElse("(default)") + ", home="
                + home + "]";
    }

    private static Optional<String> optional(Map<String, String> env, String key) {
        return Optional.ofNullable(blankToNull(env.get(key)));
    }

    private static int integer(Map<String, String> env, String key, int defaultValue) {
        String value = blankToNull(env.get(key));
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new OptaicException(
                    MetadataErrorCode.INVALID_INPUT, key + " must be an integer, got '" + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
