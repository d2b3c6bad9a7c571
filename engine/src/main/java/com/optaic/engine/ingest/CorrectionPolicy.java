package com.optaic.engine.ingest;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import java.util.Arrays;
import java.util.Locale;

/**
 * What an append does with source rows dated on or before the dataset's last date. A row equal to the published
 * one (every field the dataset has, bit for bit) is not a correction: sources that deliver their whole history
 * every night append only their new dates under every policy.
 */
public enum CorrectionPolicy {
    /** A row that differs from the published one, or a new row for a published date, fails the append, named. */
    REJECT,
    /** Earlier rows are not compared and not written; their count is reported ({@code rows_ignored}). */
    IGNORE,
    /**
     * With a correction, the append becomes a new full version: the published rows with the source's rows (through
     * the as-of date) replacing those on the same (date, asset), and its other rows added; read in the driver.
     */
    RESTATE;

    public static CorrectionPolicy parse(String member, String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new OptaicException(
                    EngineErrorCode.BAD_ARGUMENT,
                    member + " must be one of "
                            + Arrays.stream(values())
                                    .map(p -> "'" + p.name().toLowerCase(Locale.ROOT) + "'")
                                    .toList() + ", got '" + text + "'");
        }
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
