package com.optaic.engine.spark;

import static java.util.Objects.requireNonNull;

import com.optaic.operators.plan.PlanNode;
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
 * <p><b>Halo.</b> A block computes from {@link #halo(Program)} rows before its first output row: the
 * program's lookback, so every window of an output row lies inside the block. The kernels place their
 * internal blocks at global calendar rows (the task passes its first row), so those rows equal a
 * whole-calendar evaluation bit for bit wherever the block starts.
 *
 * <p><b>EMA.</b> Its memory is infinite, so instead of its span an EMA counts a warm-up of {@link #emaWarmUp}
 * rows, long enough that the weight pandas' {@code ewm(adjust=True)} gives to all rows before it is below
 * {@value #EMA_TRUNCATION} of the weight of the newest row ({@code (1 - alpha)^w <= 1e-16 * alpha}). Dropping
 * them moves the weighted mean by less than 1e-16 times the spread of the dropped values from it, so an EMA
 * equals the full-history value to about 1e-15 relative (rounding included). One edge remains: pandas'
 * {@code min_periods} counts observations from the start of the series, so an asset with fewer than
 * {@code span} observations inside the warm-up (a long gap just before the block) gets NaN where the full
 * history has a value.
 */
public final class BlockPlanner {
    /** Weight of the history an EMA warm-up drops, relative to the newest row's. */
    public static final double EMA_TRUNCATION = 1e-16;
    /** Default blocks per core of the cluster: enough to balance uneven tasks, few enough to keep halos cheap. */
    public static final int TASKS_PER_CORE = 3;
    /** Smallest default block, so a block's halo stays a small share of its work. */
    public static final int MIN_BLOCK_DATES = 32;
    /** Largest default block in cells (dates x assets): about 32 MB per array the program keeps live. */
    public static final long MAX_BLOCK_CELLS = 4_000_000;

    private static final String EMA = "EMA";

    private BlockPlanner() {
    }

    /**
     * Splits the calendar rows holding dates in [from, to] (either null for open) into blocks of
     * {@code blockDates} rows. An empty range gives no blocks.
     *
     * @param calendar the input's distinct dates as epoch days, strictly increasing
     */
    public static List<DateBlock> plan(int[] calendar, Program program, LocalDate from, LocalDate to,
                                       int blockDates) {
        requireNonNull(calendar, "calendar is null");
        requireNonNull(program, "program is null");
        if (blockDates < 1) {
            throw new IllegalArgumentException("blockDates must be positive: " + blockDates);
        }
        int[] range = rowRange(calendar, from, to);
        int halo = halo(program);
        int lookahead = program.lookahead();
        List<DateBlock> blocks = new ArrayList<>();
        for (int outputFrom = range[0]; outputFrom < range[1]; outputFrom += blockDates) {
            int outputTo = Math.min(range[1], outputFrom + blockDates);
            int computeFrom = Math.max(0, outputFrom - halo);
            int computeTo = (int) Math.min(calendar.length, (long) outputTo + lookahead);
            blocks.add(new DateBlock(blocks.size(), computeFrom, outputFrom, outputTo, computeTo,
                    calendar[computeFrom], calendar[outputFrom], calendar[outputTo - 1], calendar[computeTo - 1]));
        }
        return blocks;
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

    /** Rows of history a block must compute before its first output row; see the class comment for EMA. */
    public static int halo(Program program) {
        int[] halo = new int[program.nodes().size()];
        int max = 0;
        for (PlanNode node : program.nodes()) {
            int inputsHalo = 0;
            int inputsLookback = 0;
            for (PlanNode input : node.inputs()) {
                inputsHalo = Math.max(inputsHalo, halo[input.id()]);
                inputsLookback = Math.max(inputsLookback, input.lookback());
            }
            int own = node.type() != PlanNode.Type.OPERATOR ? 0
                    : isEma(node) ? emaWarmUp(node.window())
                    : Math.max(0, node.lookback() - inputsLookback);
            halo[node.id()] = saturatedAdd(inputsHalo, own);
        }
        for (PlanNode output : program.outputs().values()) {
            max = Math.max(max, halo[output.id()]);
        }
        return max;
    }

    /**
     * Rows of EMA warm-up for a span: the least {@code w >= span - 1} with
     * {@code (1 - alpha)^w <= EMA_TRUNCATION * alpha}, alpha = 2 / (span + 1). Span 10 needs 193 rows,
     * span 20 392, span 60 1,208, span 250 5,210.
     */
    public static int emaWarmUp(int span) {
        if (span <= 1) {
            return 0;
        }
        double alpha = 2.0 / (span + 1.0);
        double rows = Math.ceil(Math.log(EMA_TRUNCATION * alpha) / Math.log1p(-alpha));
        return (int) Math.max(span - 1, Math.min(Integer.MAX_VALUE / 4, rows));
    }

    /** Whether the program has an operator with infinite memory (EMA), whose result depends on the warm-up. */
    public static boolean hasInfiniteMemory(Program program) {
        return program.nodes().stream().anyMatch(BlockPlanner::isEma);
    }

    private static boolean isEma(PlanNode node) {
        return node.type() == PlanNode.Type.OPERATOR && node.operator().name().equals(EMA);
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

    private static int saturatedAdd(int a, int b) {
        long sum = (long) a + b;
        return (int) Math.min(Integer.MAX_VALUE / 2, sum);
    }
}
