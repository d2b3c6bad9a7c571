package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.common.OptaicException;
import java.util.List;
import java.util.Set;

/**
 * A search predicate over resources, composed with {@link All} (AND) and {@link Any} (OR). Values are always
 * bound as parameters, never spliced into SQL.
 */
public sealed interface ResourceFilter {
    /** The resource's type is one of these. */
    record TypeIn(Set<ResourceType> types) implements ResourceFilter {
        public TypeIn {
            types = Set.copyOf(types);
            if (types.isEmpty()) {
                throw new OptaicException(MetadataErrorCode.INVALID_INPUT, "TypeIn needs at least one type");
            }
        }
    }

    /** The name equals this exactly. */
    record NameIs(String name) implements ResourceFilter {
        public NameIs {
            requireNonNull(name, "name is null");
        }
    }

    /** The name contains this text, ignoring case; {@code %} and {@code _} match themselves. */
    record NameContains(String text) implements ResourceFilter {
        public NameContains {
            requireNonNull(text, "text is null");
        }
    }

    /** The resource carries this tag. */
    record HasTag(String tag) implements ResourceFilter {
        public HasTag {
            requireNonNull(tag, "tag is null");
        }
    }

    /** The resource's lifecycle status. */
    record StatusIs(ResourceStatus status) implements ResourceFilter {
        public StatusIs {
            requireNonNull(status, "status is null");
        }
    }

    /** A field of an instance's current config, addressed by its path of object keys. */
    record ConfigField(List<String> path, Comparison comparison, JsonNode value) implements ResourceFilter {
        public ConfigField {
            path = List.copyOf(path);
            if (path.isEmpty()) {
                throw new OptaicException(MetadataErrorCode.INVALID_INPUT, "ConfigField needs a non-empty path");
            }
            requireNonNull(comparison, "comparison is null");
            value = requireNonNull(value, "value is null").deepCopy();
            if (comparison.isOrdering() && !value.isNumber()) {
                throw new OptaicException(
                        MetadataErrorCode.INVALID_INPUT,
                        "Config field " + path + " can only be compared with " + comparison + " to a number, got "
                                + value);
            }
        }
    }

    /** A numeric metric recorded on a run. */
    record Metric(String name, Comparison comparison, double value) implements ResourceFilter {
        public Metric {
            requireNonNull(name, "name is null");
            requireNonNull(comparison, "comparison is null");
        }
    }

    /** All of these hold (AND). */
    record All(List<ResourceFilter> filters) implements ResourceFilter {
        public All {
            filters = List.copyOf(filters);
        }
    }

    /** At least one of these holds (OR). */
    record Any(List<ResourceFilter> filters) implements ResourceFilter {
        public Any {
            filters = List.copyOf(filters);
            if (filters.isEmpty()) {
                throw new OptaicException(MetadataErrorCode.INVALID_INPUT, "Any needs at least one filter");
            }
        }
    }

    static ResourceFilter all(ResourceFilter... filters) {
        return new All(List.of(filters));
    }

    static ResourceFilter any(ResourceFilter... filters) {
        return new Any(List.of(filters));
    }

    static ResourceFilter everything() {
        return new All(List.of());
    }
}
