package com.optaic.engine.spark;

import static java.util.Objects.requireNonNull;

import com.optaic.engine.dataset.FilePartitioning;
import com.optaic.operators.plan.Program;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits the requested dates of a panel's calendar into {@link DateBlock}s over all assets and gives each the
 * rows of history its program needs, so that every block can be evaluated on its own and its output rows
 * equal those of one evaluation over the whole calendar.
 *
 * <p><b>Halo.</b> A block computes from {@link Program#halo()} rows before its first output row (the
 * lookback, or an EMA's warm-up; see there). The task passes its first global row to the kernels, so those
 * rows equal a whole-calendar evaluation bit for bit wherever the block starts (EMA to about 1e-15).
 */
public final class BlockPlanner {
    /** Default blocks per core of the cluster: enough to balance uneven tasks, few enough to keep halos cheap. */
    public static final int TASKS_PER_CORE = 3;
    /** Smallest default block, so a block's halo stays a small share of its work. */
    public static final int MIN_BLOCK_DATES = 32;
    /** Largest default block in cells (dates x assets): about 32 MB per array the program keeps live. */
    public static final long MAX_BLOCK_CELLS = 4_000_000;

    private BlockPlanner() {}

    /**
     * Splits the calendar rows holding dates in [from, to] (either null for open) into blocks of
     * {@code blockDates} rows. An empty range gives no blocks.
     *
     * @param calendar the input's distinct dates as epoch days, strictly increasing
     */
    public static List<DateBlock> plan(int[] calendar, Program program, LocalDate from, LocalDate to, int blockDates) {
        requireNonNull(calendar, "calendar is null");
        requireNonNull(program, "program is null");
        if (blockDates < 1) {
            throw new IllegalArgumentException("blockDates must be positive: " + blockDates);
        }
        int[] range = rowRange(calendar, from, to);
        List<DateBlock> blocks = new ArrayList<>();
        for (int outputFrom = range[0]; outputFrom < range[1]; outputFrom += blockDates) {
            blocks.add(
                    block(blocks.size(), calendar, program, outputFrom, Math.min(range[1], outputFrom + blockDates)));
        }
        return blocks;
    }

    /**
     * Splits the calendar rows holding dates in [from, to] into one block per unit of {@code partitioning} (a
     * calendar year by default), so that each block's output is exactly the data file a {@code DatasetWriter}
     * with that partitioning writes for those dates: the same files, the same bytes, the same content hash
     * whatever the cluster's size. A unit holding more than {@code maxCells} cells for {@code assets} assets is
     * cut into blocks of at most that many, to bound a task's memory (its files then differ from the writer's,
     * not its values).
     */
    public static List<DateBlock> planByPartition(
            int[] calendar,
            Program program,
            LocalDate from,
            LocalDate to,
            FilePartitioning partitioning,
            int assets,
            long maxCells) {
        requireNonNull(calendar, "calendar is null");
        requireNonNull(program, "program is null");
        requireNonNull(partitioning, "partitioning is null");
        int[] range = rowRange(calendar, from, to);
        int maxDates = (int) Math.max(MIN_BLOCK_DATES, Math.min(Integer.MAX_VALUE, maxCells / Math.max(1, assets)));
        List<DateBlock> blocks = new ArrayList<>();
        for (int[] unit : partitioning.split(Arrays.copyOfRange(calendar, range[0], range[1]))) {
            int unitTo = range[0] + unit[1];
            for (int outputFrom = range[0] + unit[0]; outputFrom < unitTo; outputFrom += maxDates) {
                blocks.add(
                        block(blocks.size(), calendar, program, outputFrom, Math.min(unitTo, outputFrom + maxDates)));
            }
        }
        return blocks;
    }

    /** The block outputting calendar rows [outputFrom, outputTo), with the halo and lookahead its program needs. */
    private static DateBlock block(int index, int[] calendar, Program program, int outputFrom, int outputTo) {
        int computeFrom = Math.max(0, outputFrom - program.halo());
        int computeTo = (int) Math.min(calendar.length, (long) outputTo + program.lookahead());
        return new DateBlock(
                index,
                computeFrom,
                outputFrom,
                outputTo,
                computeTo,
                calendar[computeFrom],
                calendar[outputFrom],
                calendar[outputTo - 1],
                calendar[computeTo - 1]);
    }

    /**
     * The default block size: {@link #TASKS_PER_CORE} blocks per core over the output dates, at least
     * {@link #MIN_BLOCK_DATES} dates and at most {@link #MAX_BLOCK_CELLS} cells.
     */
    public static int defaultBlockDates(int outputDates, int assets, int cores) {
        long tasks = (long) TASKS_PER_CORE * Math.max(1, cores);
        long dates = Math.max(MIN_BLOCK_DATES, (outputDates + tasks - 1) / tasks);
        long byCells = Math.max(MIN_BLOCK_DATES, MAX_BLOCK_CELLS / Math.max(1, assets));
        return (int) Math.min(dates, byCells);
    }

    /** Calendar rows [from, to) covering the inclusive date bounds, as {@code Panel.rowRange}. */
    static int[] rowRange(int[] calendar, LocalDate from, LocalDate to) {
        int lo = 0;
        int hi = calendar.length;
        if (from != null) {
            int i = Arrays.binarySearch(calendar, (int) from.toEpochDay());
            lo = i >= 0 ? i : -i - 1;
        }
        if (to != null) {
            int i = Arrays.binarySearch(calendar, (int) to.toEpochDay());
            hi = i >= 0 ? i + 1 : -i - 1;
        }
        return new int[] {lo, Math.max(lo, hi)};
    }
}
