package com.optaic.engine.spark;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.LinkedHashMap;

/**
 * What one block's task reports to the driver.
 *
 * @param partFile the output file's name inside the output directory; null when a dataset block had no row
 *     and wrote nothing
 * @param rows rows written (present cells of the block's output dates)
 * @param rowsDecoded input rows decoded to read the block's dates and halo (rows read, for a dataset input)
 * @param readNanos time spent reading, {@code evaluateNanos} evaluating, {@code writeNanos} writing
 * @param written for a dataset version's file, what its manifest entry needs; else null
 */
public record BlockResult(
        int index,
        String partFile,
        long rows,
        long rowsDecoded,
        long readNanos,
        long evaluateNanos,
        long writeNanos,
        Written written)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * A written data file, forced to disk.
     *
     * @param firstDay epoch day of the first date with a row, {@code lastDay} of the last
     * @param dates the number of dates with a row
     * @param finiteValues per output field, in output order, the file's rows with a finite value
     */
    public record Written(
            long bytes, String sha256, int firstDay, int lastDay, int dates, LinkedHashMap<String, Long> finiteValues)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        public Written {
            requireNonNull(sha256, "sha256 is null");
            requireNonNull(finiteValues, "finiteValues is null");
        }
    }
}
