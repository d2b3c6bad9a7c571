package com.optaic.engine.dataset;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One immutable Parquet file of a dataset version, as its manifest lists it.
 *
 * @param path where the file is, relative to the dataset's directory, with {@code /} separators
 * @param rows the rows the file holds, one per present (date, asset) cell
 * @param bytes the file's size
 * @param sha256 the SHA-256 of the file's bytes, 64 lower-case hex digits
 * @param minDate the first date with a row in the file
 * @param maxDate the last date with a row in the file
 * @param fields the fields the file has columns for, besides {@code date} and {@code asset}; a field of the
 *               version's schema that is not listed reads as NaN (missing label) for this file's rows
 * @param dates the number of distinct dates the file has rows for; files never share a date, so summing
 *              the earlier files' counts gives a file's first global calendar row
 */
public record DataFile(
        String path,
        long rows,
        long bytes,
        String sha256,
        LocalDate minDate,
        LocalDate maxDate,
        List<String> fields,
        int dates) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public DataFile {
        requireNonNull(path, "path is null");
        requireNonNull(sha256, "sha256 is null");
        requireNonNull(minDate, "minDate is null");
        requireNonNull(maxDate, "maxDate is null");
        fields = List.copyOf(requireNonNull(fields, "fields is null"));
        if (!isSafeRelativePath(path)) {
            throw new IllegalArgumentException(
                    "data file path '" + path + "' is not a relative path inside the dataset");
        }
        if (rows < 1 || bytes < 1) {
            throw new IllegalArgumentException("data file '" + path + "' has " + rows + " rows and " + bytes
                    + " bytes; a data file holds at least one row");
        }
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException(
                    "data file '" + path + "' has checksum '" + sha256 + "'; expected 64 lower-case hex digits");
        }
        if (minDate.isAfter(maxDate)) {
            throw new IllegalArgumentException(
                    "data file '" + path + "' has minDate " + minDate + " after maxDate " + maxDate);
        }
        if (dates < 1 || dates > rows) {
            throw new IllegalArgumentException(
                    "data file '" + path + "' has " + dates + " dates for " + rows + " rows");
        }
        if (new HashSet<>(fields).size() != fields.size()) {
            throw new IllegalArgumentException("data file '" + path + "' lists a field twice: " + fields);
        }
    }

    /** Whether the file has rows in the inclusive date range; a null bound is open. */
    public boolean overlaps(LocalDate from, LocalDate to) {
        return (from == null || !maxDate.isBefore(from)) && (to == null || !minDate.isAfter(to));
    }

    private static boolean isSafeRelativePath(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains(":")) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
