package com.optaic.engine.dataset;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A committed (or about to be committed) version of a dataset: the immutable Parquet files that make it up and
 * what they hold. Versions are numbered 1, 2, 3... per dataset; each names its parent, the version it was
 * written on top of ({@link #NO_PARENT} for the first). An appended version lists its parent's files followed
 * by its own; a rebuilt one lists only its own.
 *
 * <p>The files are in date order and their date ranges do not overlap, so a (date, asset) cell is in at most one
 * file and a date range is read from the files whose range meets it ({@link #filesBetween}).
 *
 * @param dataset the dataset's name
 * @param version this version's number, from 1
 * @param parent the version this one was written on top of, or {@link #NO_PARENT}
 * @param operation how this version was written
 * @param createdAt when the writer built the manifest
 * @param asOf the as-of date of the write: no row is dated after it
 * @param schema every field of the version with its type, in the order readers return them; a file may lack a
 *               field that was added after it was written
 * @param minDate the first date with a row
 * @param maxDate the last date with a row
 * @param rows the rows of all files together
 * @param files the data files, in date order
 */
public record VersionManifest(
        String dataset,
        long version,
        long parent,
        Operation operation,
        Instant createdAt,
        LocalDate asOf,
        Map<String, FieldType> schema,
        LocalDate minDate,
        LocalDate maxDate,
        long rows,
        List<DataFile> files) {
    /** The parent of a dataset's first version. */
    public static final long NO_PARENT = 0;

    /** How a version was written. */
    public enum Operation {
        /** From a whole panel: lists only its own files. */
        REBUILD,
        /** New dates after the parent's last date: lists the parent's files, then its own. */
        APPEND,
        /**
         * The parent's rows and values in fewer files, one per partitioning unit: lists, in date order, the parent's
         * files that already were alone in their unit and its own.
         */
        COMPACT
    }

    public VersionManifest {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(operation, "operation is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(asOf, "asOf is null");
        requireNonNull(minDate, "minDate is null");
        requireNonNull(maxDate, "maxDate is null");
        schema = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(schema, "schema is null")));
        files = List.copyOf(requireNonNull(files, "files is null"));
        String prefix = "manifest of dataset '" + dataset + "' version " + version + ": ";
        if (version < 1 || parent < NO_PARENT || parent >= version) {
            throw new IllegalArgumentException(prefix + "parent " + parent + " is not an earlier version");
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(prefix + "lists no data file");
        }
        long total = 0;
        Set<String> paths = new HashSet<>();
        DataFile previous = null;
        for (DataFile file : files) {
            total += file.rows();
            if (!paths.add(file.path())) {
                throw new IllegalArgumentException(prefix + "lists '" + file.path() + "' twice");
            }
            if (previous != null && !file.minDate().isAfter(previous.maxDate())) {
                throw new IllegalArgumentException(prefix + "'" + file.path() + "' starts " + file.minDate()
                        + ", not after the end of '" + previous.path() + "' (" + previous.maxDate() + ")");
            }
            for (String field : file.fields()) {
                if (!schema.containsKey(field)) {
                    throw new IllegalArgumentException(prefix + "'" + file.path() + "' has field '" + field
                            + "', which the schema " + schema.keySet() + " lacks");
                }
            }
            previous = file;
        }
        if (total != rows) {
            throw new IllegalArgumentException(prefix + "rows " + rows + " differ from the files' " + total);
        }
        if (!minDate.equals(files.get(0).minDate()) || !maxDate.equals(previous.maxDate())) {
            throw new IllegalArgumentException(prefix + "date range " + minDate + ".." + maxDate
                    + " differs from the files' " + files.get(0).minDate() + ".." + previous.maxDate());
        }
        if (maxDate.isAfter(asOf)) {
            throw new IllegalArgumentException(prefix + "last date " + maxDate + " is after the as-of date " + asOf);
        }
    }

    /** The files with rows in the inclusive date range, in date order; a null bound is open. */
    public List<DataFile> filesBetween(LocalDate from, LocalDate to) {
        List<DataFile> selected = new ArrayList<>();
        for (DataFile file : files) {
            if (file.overlaps(from, to)) {
                selected.add(file);
            }
        }
        return selected;
    }
}
