package com.optaic.engine.dataset;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;

/**
 * What to read from a dataset. Start from {@link #all()} and narrow it: {@code DatasetQuery.all().between(from,
 * to).fields("close", "volume").assets(universe)}.
 *
 * @param version the version to read, or null for the latest committed one
 * @param from the first date to read, inclusive, or null for the dataset's first
 * @param to the last date to read, inclusive, or null for the dataset's last
 * @param fields the fields to read, or null for every field of the version's schema
 * @param assets the asset universe: the result has exactly these assets (sorted), absent where the dataset has no
 *               row; null for every asset with a row in the range read
 */
public record DatasetQuery(Long version, LocalDate from, LocalDate to, Set<String> fields, Set<String> assets) {
    public DatasetQuery {
        if (version != null && version < 1) {
            throw new IllegalArgumentException("version " + version + " is not a version number (they start at 1)");
        }
        fields = fields == null ? null : Set.copyOf(fields);
        assets = assets == null ? null : Set.copyOf(assets);
    }

    /** Every field and asset of every date of the latest version. */
    public static DatasetQuery all() {
        return new DatasetQuery(null, null, null, null, null);
    }

    public DatasetQuery atVersion(long version) {
        return new DatasetQuery(version, from, to, fields, assets);
    }

    /** The inclusive date range; a null bound is open. */
    public DatasetQuery between(LocalDate from, LocalDate to) {
        return new DatasetQuery(version, from, to, fields, assets);
    }

    public DatasetQuery fields(String... fields) {
        return fields(Arrays.asList(fields));
    }

    public DatasetQuery fields(Collection<String> fields) {
        return new DatasetQuery(version, from, to, Set.copyOf(fields), assets);
    }

    public DatasetQuery assets(Collection<String> assets) {
        return new DatasetQuery(version, from, to, fields, assets == null ? null : Set.copyOf(assets));
    }
}
