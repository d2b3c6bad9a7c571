package com.optaic.operators.plan;

import java.util.Set;
import java.util.TreeSet;

/** The fields a panel offers: numeric ones for arithmetic, group (label) ones for GROUP_* operators. */
public record FieldCatalog(Set<String> numeric, Set<String> groups) {
    public FieldCatalog {
        numeric = Set.copyOf(numeric);
        groups = Set.copyOf(groups);
    }

    public Set<String> all() {
        Set<String> all = new TreeSet<>(numeric);
        all.addAll(groups);
        return all;
    }
}
