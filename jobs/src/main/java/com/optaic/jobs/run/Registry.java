package com.optaic.jobs.run;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Name -> factory: what a definition's {@code code_ref} resolves through. A factory validates its config itself
 * and returns the built object; registering a name twice fails, and an unknown name fails fast with the list of
 * known names.
 *
 * @param <T> what the factories build
 */
public final class Registry<T> {
    /** Builds one object from its JSON config, refusing a bad config with {@link JobsErrorCode#BAD_RUN_CONFIG}. */
    @FunctionalInterface
    public interface Factory<T> {
        T create(JsonNode config);
    }

    private final String kind;
    private final Map<String, Factory<T>> factories = new TreeMap<>();

    public Registry(String kind) {
        this.kind = requireNonNull(kind, "kind is null");
    }

    public synchronized Registry<T> register(String codeRef, Factory<T> factory) {
        requireNonNull(codeRef, "codeRef is null");
        requireNonNull(factory, "factory is null");
        if (factories.putIfAbsent(codeRef, factory) != null) {
            throw new IllegalStateException(kind + " code_ref '" + codeRef + "' is registered twice");
        }
        return this;
    }

    public synchronized T build(String codeRef, JsonNode config) {
        Factory<T> factory = factories.get(codeRef);
        if (factory == null) {
            throw new OptaicException(
                    JobsErrorCode.UNKNOWN_CODE_REF,
                    "Unknown " + kind + " code_ref '" + codeRef + "'; known: " + String.join(", ", factories.keySet()));
        }
        return factory.create(config);
    }

    public synchronized Set<String> codeRefs() {
        return Set.copyOf(factories.keySet());
    }
}
