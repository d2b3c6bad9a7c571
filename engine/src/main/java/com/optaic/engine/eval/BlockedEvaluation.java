package com.optaic.engine.eval;

import static java.util.Objects.requireNonNull;

import com.optaic.engine.data.Panel;
import com.optaic.engine.io.ColumnBlocks;
import com.optaic.engine.io.PanelWriter;
import com.optaic.operators.plan.Program;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;

/**
 * Evaluates expressions over an in-memory panel into a Parquet file a block of dates at a time: each block is
 * computed with the rows of history before it that its program needs (the lookback; an EMA's warm-up, as
 * {@code BlockPlanner} gives Spark tasks) and written as whole row groups in date order before the next is
 * computed. Memory is then the input panel plus one block's outputs, not every output over the whole panel.
 *
 * <p>Values equal {@link PanelEvaluation}'s over the whole range bit for bit, and so does the file, byte for byte
 * (the row groups do not depend on the blocks), except for programs with infinite memory (EMA), which agree to
 * about 1e-15 relative after the warm-up, as on Spark.
 */
public final class BlockedEvaluation {
    /** About this many bytes of output columns per block (dates x assets x outputs x 8). */
    static final long BLOCK_OUTPUT_BYTES = 256L << 20;
    /** Fewest dates per block, so the halo stays a modest share of a block's work. */
    static final int MIN_BLOCK_DATES = 64;

    private BlockedEvaluation() {}

    /** Whether {@code out} can be written by blocks (a Parquet file); other formats take the whole panel. */
    public static boolean canWrite(Path out) {
        return String.valueOf(out.getFileName()).toLowerCase(Locale.ROOT).endsWith(".parquet");
    }

    /**
     * The default block: about {@link #BLOCK_OUTPUT_BYTES} of outputs, at least {@link #MIN_BLOCK_DATES} dates and
     * twice the {@code history} computed before each block, so that the halo costs at most half a block's work
     * (Alpha101's 251-row lookback over 2,000 assets: 502 dates, 0.8 GB of outputs).
     */
    public static int defaultBlockDates(int outputs, int assets, int history) {
        long perDate = 8L * Math.max(1, outputs) * Math.max(1, assets);
        long dates = Math.max(Math.max(MIN_BLOCK_DATES, 2L * history), BLOCK_OUTPUT_BYTES / perDate);
        return (int) Math.min(Integer.MAX_VALUE, dates);
    }

    /** Rows computed before a block's first: the lookback, or an EMA's warm-up ({@link Program#halo()}). */
    static int history(Program program) {
        return program.hasInfiniteMemory() ? program.halo() : program.lookback();
    }

    /**
     * Writes the program's outputs for the present cells of the dates in [from, to] (either null for open) to a
     * Parquet file, computing blocks of at least {@code blockDates} dates (0 for {@link #defaultBlockDates}).
     *
     * @return the rows written
     */
    public static long write(Panel panel, Program program, LocalDate from, LocalDate to, int blockDates, Path out) {
        requireNonNull(panel, "panel is null");
        requireNonNull(program, "program is null");
        int[] range = panel.rowRange(from, to);
        int dates = blockDates > 0
                ? blockDates
                : defaultBlockDates(program.outputs().size(), panel.assetCount(), history(program));
        new PanelWriter()
                .writeParquetByBlocks(
                        panel,
                        range[0],
                        range[1],
                        new ArrayList<>(program.outputs().keySet()),
                        dates,
                        (rowFrom, rowTo) -> block(panel, program, rowFrom, rowTo),
                        out);
        return panel.presentCount(range[0], range[1]);
    }

    /** Computes calendar rows [rowFrom, rowTo) of {@code panel} from the history they need: one block. */
    public static ColumnBlocks.Block block(Panel panel, Program program, int rowFrom, int rowTo) {
        int computeFrom = (int) Math.max(0, (long) rowFrom - history(program));
        int computeTo = (int) Math.min(panel.dateCount(), (long) rowTo + program.lookahead());
        Panel slice = PanelEvaluation.slice(panel, computeFrom, computeTo, program);
        PanelEvaluation evaluation =
                PanelEvaluation.evaluate(slice, program, panel.date(rowFrom), panel.date(rowTo - 1), computeFrom);
        int firstRow = computeFrom + (rowFrom - computeFrom - evaluation.rowFrom());
        return new ColumnBlocks.Block(evaluation.panel(), firstRow, new LinkedHashMap<>(evaluation.columns()));
    }
}
