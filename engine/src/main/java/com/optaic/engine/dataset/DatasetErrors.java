package com.optaic.engine.dataset;

import com.optaic.common.ErrorCategory;
import com.optaic.common.ErrorCode;

/** The error codes of dataset reads, writes and commits, for callers that react to a code rather than a message. */
public final class DatasetErrors {
    /** A dataset name that is not a safe single path segment. */
    public static final ErrorCode INVALID_DATASET_NAME = ErrorCode.user("INVALID_DATASET_NAME");
    /** A rebuild of a panel without a single row, or an append of nothing to a dataset that has no version. */
    public static final ErrorCode NO_ROWS = ErrorCode.user("NO_ROWS");
    /** A row dated after the run's as-of date. */
    public static final ErrorCode DATE_AFTER_AS_OF = ErrorCode.user("DATE_AFTER_AS_OF");
    /** An append whose dates do not all follow the latest version's last date. */
    public static final ErrorCode APPEND_OVERLAP = ErrorCode.user("APPEND_OVERLAP");
    /** A field whose type differs from its type in the latest version. */
    public static final ErrorCode FIELD_TYPE_CHANGED = ErrorCode.user("FIELD_TYPE_CHANGED");
    /** A field name that is reserved ({@code date}, {@code asset}) or otherwise unusable. */
    public static final ErrorCode BAD_FIELD = ErrorCode.user("BAD_FIELD");
    /** A read of a field the version's schema does not have. */
    public static final ErrorCode UNKNOWN_FIELD = ErrorCode.user("UNKNOWN_FIELD");
    /** A request that makes no sense on its face, such as a date range that ends before it starts. */
    public static final ErrorCode BAD_REQUEST = ErrorCode.user("BAD_REQUEST");
    /** Point-in-time data whose {@code available_at} is missing, not a day, or not numeric. */
    public static final ErrorCode BAD_AVAILABLE_AT = ErrorCode.user("BAD_AVAILABLE_AT");
    /** The dataset has no committed version, or not the one asked for. */
    public static final ErrorCode VERSION_NOT_FOUND = new ErrorCode("VERSION_NOT_FOUND", ErrorCategory.NOT_FOUND);
    /** Another writer committed a version since this write read its parent; the write may be retried. */
    public static final ErrorCode VERSION_CONFLICT = new ErrorCode("VERSION_CONFLICT", ErrorCategory.CONFLICT);
    /** A data file that a committed manifest lists is gone: the storage was changed behind OptAIC's back. */
    public static final ErrorCode DATA_FILE_MISSING = new ErrorCode("DATA_FILE_MISSING", ErrorCategory.EXTERNAL);
    /** A data file whose size or checksum differs from its manifest entry. */
    public static final ErrorCode DATA_FILE_CORRUPT = new ErrorCode("DATA_FILE_CORRUPT", ErrorCategory.EXTERNAL);
    /** A committed manifest that cannot be parsed or does not describe the version it is stored as. */
    public static final ErrorCode MANIFEST_CORRUPT = new ErrorCode("MANIFEST_CORRUPT", ErrorCategory.EXTERNAL);
    /** The file system failed under us (disk full, I/O error, no hard links). */
    public static final ErrorCode STORAGE_FAILURE = new ErrorCode("STORAGE_FAILURE", ErrorCategory.EXTERNAL);
    /** A storage root the file catalog cannot keep versions on (an object store), or an unusable root URI. */
    public static final ErrorCode UNSUPPORTED_STORAGE = ErrorCode.user("UNSUPPORTED_STORAGE");

    private DatasetErrors() {
    }
}
