package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The files that make up one data version and the schema they share. Rows and date range derive from them. */
public record DataManifest(List<DataFile> files, JsonNode schema) {
    public DataManifest {
        files = List.copyOf(files);
        schema = requireNonNull(schema, "schema is null").deepCopy();
    }

    public long rows() {
        return files.stream().mapToLong(DataFile::rows).sum();
    }

    public Optional<LocalDate> minDate() {
        return files.stream().map(DataFile::minDate).flatMap(Optional::stream).min(Comparator.naturalOrder());
    }

    public Optional<LocalDate> maxDate() {
        return files.stream()
                .map(DataFile::maxDate)
                .flatMap(Optional::stream)
                .filter(Objects::nonNull)
                .max(Comparator.naturalOrder());
    }
}
