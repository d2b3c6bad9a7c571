package com.optaic.engine.spark;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Locale;

/**
 * One unit of work of an evaluation: calendar rows [outputFrom, outputTo) over all assets, computed from the
 * rows [computeFrom, computeTo) that hold the halo of history (and, for labels, the rows of future) the
 * program needs. Rows index the input's full calendar; the matching epoch days let a task read its dates
 * without knowing the calendar.
 *
 * @param index position in the plan, which also names the block's output file
 * @param computeFromDay epoch day of calendar row {@code computeFrom}, the first date the task reads
 * @param computeToDay epoch day of calendar row {@code computeTo - 1}, the last date the task reads
 * @param outputFromDay epoch day of the first date the task writes
 * @param outputToDay epoch day of the last date the task writes
 */
public record DateBlock(
        int index,
        int computeFrom,
        int outputFrom,
        int outputTo,
        int computeTo,
        int computeFromDay,
        int outputFromDay,
        int outputToDay,
        int computeToDay)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public DateBlock {
        if (index < 0
                || computeFrom < 0
                || computeFrom > outputFrom
                || outputFrom >= outputTo
                || outputTo > computeTo) {
            throw new IllegalArgumentException("block " + index + ": rows [" + computeFrom + ", " + outputFrom
                    + ", " + outputTo + ", " + computeTo + ") are not ordered computeFrom <= outputFrom < outputTo"
                    + " <= computeTo");
        }
    }

    /** Calendar rows the task writes. */
    public int outputRows() {
        return outputTo - outputFrom;
    }

    /** Calendar rows the task computes: the output, its halo and its lookahead. */
    public int computeRows() {
        return computeTo - computeFrom;
    }

    /** The output dates, as {@code 2012-01-03..2012-03-30}, for messages. */
    public String outputDates() {
        return LocalDate.ofEpochDay(outputFromDay) + ".." + LocalDate.ofEpochDay(outputToDay);
    }

    /** The block's output file name inside the output directory. */
    public String partFileName() {
        return String.format(Locale.ROOT, "part-%05d.parquet", index);
    }
}
