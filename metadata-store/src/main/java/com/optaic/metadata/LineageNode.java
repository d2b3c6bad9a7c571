package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.UUID;

/** Something lineage can point at: a resource (runs included), a definition version or a data version. */
public record LineageNode(Kind kind, UUID id) {
    public enum Kind {
        RESOURCE,
        DEFINITION_VERSION,
        DATA_VERSION;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind fromWireName(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    public LineageNode {
        requireNonNull(kind, "kind is null");
        requireNonNull(id, "id is null");
    }

    public static LineageNode resource(UUID id) {
        return new LineageNode(Kind.RESOURCE, id);
    }

    public static LineageNode definitionVersion(UUID id) {
        return new LineageNode(Kind.DEFINITION_VERSION, id);
    }

    public static LineageNode dataVersion(UUID id) {
        return new LineageNode(Kind.DATA_VERSION, id);
    }
}
