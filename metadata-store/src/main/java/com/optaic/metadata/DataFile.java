package com.optaic.metadata;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import java.time.LocalDate;
import java.util.Optional;

/** One immutable Parquet file of a data version: where it is, how big, what dates it covers, its checksum. */
public record DataFile(
        String path, long rows, long bytes, String checksum, Optional<LocalDate> minDate, Optional<LocalDate> maxDate) {
    public DataFile {
        requireNonNull(path, "path is null");
        requireNonNull(checksum, "checksum is null");
        requireNonNull(minDate, "minDate is null");
        requireNonNull(maxDate, "maxDate is null");
        if (path.isBlank()) {
            throw new OptaicException(MetadataErrorCode.INVALID_INPUT, "A data file needs a path");
        }
        if (rows < 0 || bytes < 0) {
            throw new OptaicException(
                    MetadataErrorCode.INVALID_INPUT,
                    "Data file '" + path + "' has negative rows (" + rows + ") or bytes (" + bytes + ")");
        }
        if (minDate.isPresent() && maxDate.isPresent() && minDate.get().isAfter(maxDate.get())) {
            throw new OptaicException(
                    MetadataErrorCode.INVALID_INPUT,
                    "Data file '" + path + "' starts " + minDate.get() + " after it ends " + maxDate.get());
        }
    }
}
