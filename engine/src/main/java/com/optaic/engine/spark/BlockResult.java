package com.optaic.engine.spark;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/**
 * What one block's task reports to the driver.
 *
 * @param partFile the output file's name inside the output directory
 * @param rows rows written (present cells of the block's output dates)
 * @param rowsDecoded input rows decoded to read the block's dates and halo
 * @param readNanos time spent reading, {@code evaluateNanos} evaluating, {@code writeNanos} writing
 */
public record BlockResult(int index, String partFile, long rows, long rowsDecoded, long readNanos,
                          long evaluateNanos, long writeNanos) implements Serializable {
    private static final long serialVersionUID = 1L;

    public BlockResult {
        requireNonNull(partFile, "partFile is null");
    }
}
