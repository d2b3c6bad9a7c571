package com.optaic.operators;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Operators by name: canonical names and aliases, looked up case-insensitively. Registering a name twice
 * fails; looking up an unknown one can suggest the closest known names.
 */
public final class OperatorRegistry {
    private final Map<String, OperatorSpec> byName = new LinkedHashMap<>();
    private final List<OperatorSpec> specs = new ArrayList<>();

    public OperatorRegistry register(OperatorSpec spec) {
        requireNonNull(spec, "spec is null");
        List<String> names = new ArrayList<>();
        names.add(spec.name());
        names.addAll(spec.aliases());
        for (String name : names) {
            OperatorSpec existing = byName.get(key(name));
            if (existing != null) {
                throw new IllegalArgumentException(
                        "Operator name '" + name + "' of " + spec.name() + " is already taken by " + existing.name());
            }
        }
        names.forEach(name -> byName.put(key(name), spec));
        specs.add(spec);
        return this;
    }

    public Optional<OperatorSpec> find(String name) {
        return Optional.ofNullable(byName.get(key(name)));
    }

    /** The canonical operator (not an alias) of this exact name. */
    public OperatorSpec canonical(String name) {
        OperatorSpec spec = byName.get(key(name));
        if (spec == null || !spec.name().equals(name)) {
            throw new IllegalStateException("no canonical operator " + name);
        }
        return spec;
    }

    public List<OperatorSpec> all() {
        List<OperatorSpec> sorted = new ArrayList<>(specs);
        sorted.sort(Comparator.comparing(OperatorSpec::kind).thenComparing(OperatorSpec::name));
        return sorted;
    }

    /** Every registered name and alias, for suggestions. */
    public Collection<String> names() {
        List<String> names = new ArrayList<>();
        for (OperatorSpec spec : specs) {
            names.add(spec.name());
            names.addAll(spec.aliases());
        }
        return names;
    }

    private static String key(String name) {
        return name.toUpperCase(Locale.ROOT);
    }

    /** Up to three candidates closest to {@code name} by edit distance, best first; empty if none is close. */
    public static List<String> closest(String name, Collection<String> candidates) {
        String target = key(name);
        record Scored(String name, int distance) {}
        List<Scored> scored = new ArrayList<>();
        for (String candidate : candidates) {
            int distance = editDistance(target, key(candidate));
            int limit = Math.max(2, target.length() / 3);
            if (distance <= limit) {
                scored.add(new Scored(candidate, distance));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name));
        return scored.stream().map(Scored::name).distinct().limit(3).toList();
    }

    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
