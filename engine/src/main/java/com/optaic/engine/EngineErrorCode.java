package com.optaic.engine;

import static com.optaic.common.ErrorCategory.*;
import static com.optaic.common.ErrorCode.RetryRule.*;

import com.optaic.common.ErrorCategory;
import com.optaic.common.ErrorCode;
import com.optaic.common.ErrorCodeRange;

/** The error codes of the engine: panel files, datasets and their versions, Spark evaluation, ingestion, backtests and optimisers. Numbers in {@link ErrorCodeRange#ENGINE}; a number, once released, is never reused. */
public enum EngineErrorCode implements ErrorCode {
    FILE_NOT_FOUND(3001, USER_ERROR, NEVER, "An input file or directory does not exist."),
    UNSUPPORTED_FORMAT(3002, USER_ERROR, NEVER, "A file extension OptAIC does not read or write."),
    BAD_FILE(3003, USER_ERROR, NEVER, "The file is not what a panel file must be: bad header, schema or encoding."),
    BAD_ROW(3004, USER_ERROR, NEVER, "A line with the wrong number of columns."),
    BAD_VALUE(3005, USER_ERROR, NEVER, "A cell that does not parse: a non-numeric number, a bad date, an empty key."),
    DUPLICATE_ROW(3006, USER_ERROR, NEVER, "Two rows for the same (date, asset)."),
    UNKNOWN_FIELD(3007, USER_ERROR, NEVER, "A field the panel or dataset does not have."),
    BAD_ARGUMENT(3008, USER_ERROR, NEVER, "An argument outside its allowed values."),
    ACCESS_DENIED(3009, USER_ERROR, NEVER, "The file system refused access to a path."),
    IO_FAILURE(
            3010,
            EXTERNAL,
            RETRYABLE,
            "The file system failed under us (disk full, I/O error): not the caller's input."),
    INVALID_DATASET_NAME(3011, USER_ERROR, NEVER, "A dataset name that is not a safe single path segment."),
    NO_ROWS(
            3012,
            USER_ERROR,
            NEVER,
            "A rebuild of a panel without a single row, or an append of nothing to a dataset that has no version."),
    DATE_AFTER_AS_OF(3013, USER_ERROR, NEVER, "A row dated after the run's as-of date."),
    APPEND_OVERLAP(3014, USER_ERROR, NEVER, "An append whose dates do not all follow the latest version's last date."),
    FIELD_TYPE_CHANGED(3015, USER_ERROR, NEVER, "A field whose type differs from its type in the latest version."),
    BAD_FIELD(
            3016,
            USER_ERROR,
            NEVER,
            "A field name that is reserved ({@code date}, {@code asset}) or otherwise unusable."),
    BAD_REQUEST(
            3017,
            USER_ERROR,
            NEVER,
            "A request that makes no sense on its face, such as a date range that ends before it starts."),
    BAD_AVAILABLE_AT(
            3018,
            USER_ERROR,
            NEVER,
            "Point-in-time data whose {@code available_at} is missing, not a day, or not numeric."),
    VERSION_NOT_FOUND(3019, NOT_FOUND, NEVER, "The dataset has no committed version, or not the one asked for."),
    VERSION_CONFLICT(
            3020,
            CONFLICT,
            NEVER,
            "Another writer committed a version since this write read its parent; the write may be retried."),
    DATA_FILE_MISSING(
            3021,
            EXTERNAL,
            NEVER,
            "A data file that a committed manifest lists is gone: the storage was changed behind OptAIC's back."),
    DATA_FILE_CORRUPT(3022, EXTERNAL, NEVER, "A data file whose size or checksum differs from its manifest entry."),
    MANIFEST_CORRUPT(
            3023,
            EXTERNAL,
            NEVER,
            "A committed manifest that cannot be parsed or does not describe the version it is stored as."),
    STORAGE_FAILURE(
            3024, EXTERNAL, RETRYABLE, "The file system failed under us (disk full, I/O error, no hard links)."),
    COMMIT_STATE_UNKNOWN(
            3025,
            EXTERNAL,
            OUTCOME_UNKNOWN,
            "A version commit failed in a way that may or may not have published it: check the catalog before retrying or cleaning up."),
    UNSUPPORTED_STORAGE(
            3026,
            USER_ERROR,
            NEVER,
            "A storage root the file catalog cannot keep versions on (an object store), or an unusable root URI."),
    DUPLICATE_CELL(3027, INTERNAL, NEVER, "Two values for the same panel cell while assembling a panel: a bug."),
    FIELD_TYPE_CONFLICT(3028, USER_ERROR, NEVER, "A field that is numeric in one input file and a label in another."),
    NO_INPUT(3029, USER_ERROR, NEVER, "No input file matches the configured path, directory or glob."),
    SPARK_JOB_FAILED(
            3030,
            EXTERNAL,
            RETRYABLE,
            "A Spark job failed for a reason that is not one of ours (executor lost, out of memory...)."),
    INPUT_CHANGED(3031, USER_ERROR, NEVER, "An input file changed between planning and reading."),
    NOT_PARQUET(3032, USER_ERROR, NEVER, "Spark evaluation needs a Parquet input."),
    NOTHING_TO_EVALUATE(3033, USER_ERROR, NEVER, "An evaluation without an expression or without dates."),
    SPARK_SESSION_RUNNING(3034, USER_ERROR, NEVER, "A Spark session on another master already runs in this process."),
    BAD_BACKTEST_CONFIG(3035, USER_ERROR, NEVER, "Backtest settings that are invalid or contradict each other."),
    SAME_BAR_FILL(3036, USER_ERROR, NEVER, "A signal filled on the bar it was computed from (look-ahead)."),
    BAD_BACKTEST_INPUT(3037, USER_ERROR, NEVER, "Prices or signal data a backtest cannot use."),
    SWEEP_FAILED(
            3038, EXTERNAL, RETRYABLE, "A parameter sweep's Spark job failed for a reason that is not one of ours."),
    BAD_METRIC_CONVENTIONS(
            3039, USER_ERROR, NEVER, "Metric conventions that are invalid (periods per year, risk-free rate...)."),
    UNKNOWN_METRIC_PRESET(3040, USER_ERROR, NEVER, "A metric preset nobody defines."),
    NO_PERIODS(3041, USER_ERROR, NEVER, "A metric asked of a series without periods."),
    PORTFOLIO_BAD_SPEC(3042, USER_ERROR, NEVER, "An optimiser specification that is invalid."),
    PORTFOLIO_INFEASIBLE(3043, USER_ERROR, NEVER, "The optimisation problem has no solution under its constraints."),
    PORTFOLIO_NOT_ENOUGH_DATA(3044, USER_ERROR, NEVER, "Too few prices to estimate returns or a risk model."),
    PORTFOLIO_SOLVER_FAILED(
            3045, INTERNAL, NEVER, "The solver failed on a problem that should have a solution: a bug."),
    NOT_ENOUGH_MEMORY(
            3046,
            INSUFFICIENT_RESOURCES,
            NEVER,
            "The data asked for does not fit in the JVM's heap; the message gives both sizes."),
    NON_POSITIVE_PRICE(
            3100, USER_ERROR, NEVER, "A price of zero or below where returns are computed from prices (optimize)."),
    BAD_PENALTY(3101, USER_ERROR, NEVER, "A negative (or non-finite) penalty, cost or risk aversion of an optimiser."),
    SOURCE_CORRECTION(
            3102,
            USER_ERROR,
            NEVER,
            "An append whose source changes rows dated on or before the dataset's last date (corrections: reject)."),
    DRIFT_NO_VALUES(
            3150,
            USER_ERROR,
            NEVER,
            "A drift comparison of a feature with no usable (non-missing) values on one side."),
    DRIFT_NO_FEATURES(3151, USER_ERROR, NEVER, "A drift comparison of two tables that share no numeric feature."),
    DRIFT_BAD_SETTINGS(3152, USER_ERROR, NEVER, "Drift settings out of range (bins, thresholds).");

    private final Details details;

    EngineErrorCode(int number, ErrorCategory category, RetryRule retry, String description) {
        this.details = new Details(number, category, retry, description);
    }

    @Override
    public Details details() {
        return details;
    }
}
