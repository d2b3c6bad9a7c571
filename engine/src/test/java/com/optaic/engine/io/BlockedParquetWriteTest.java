package com.optaic.engine.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.engine.data.Panel;
import com.optaic.engine.eval.BlockedEvaluation;
import com.optaic.engine.eval.PanelEvaluation;
import com.optaic.engine.eval.TestingEvaluations;
import com.optaic.engine.synthetic.SyntheticMarket;
import com.optaic.operators.plan.ExpressionFile;
import com.optaic.operators.plan.Program;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evaluating and writing by blocks of dates gives the file that evaluating the whole range and writing it gives,
 * byte for byte, whatever the block size: 1 date, block boundaries inside every lookback, a block per row group,
 * one block. A block computed without its halo would change the values after each boundary, and the bytes.
 */
class BlockedParquetWriteTest {
    private static final ExpressionFile FINITE = ExpressionFile.parse(
            "finite",
            String.join(
                    "\n",
                    TestingEvaluations.EXPRESSION_LINES.subList(0, TestingEvaluations.EXPRESSION_LINES.size() - 1)));

    @TempDir
    Path dir;

    @Test
    void everyBlockSizeWritesTheWholeEvaluationsBytes() throws Exception {
        Panel panel = SyntheticMarket.generateRagged(30, 150, 7, 0, 30);
        Program program = PanelEvaluation.compile(panel, FINITE);
        assertThat(program.lookback()).isGreaterThan(20);
        // Row groups of about one date, so that blocks of 1 and 3 dates are whole row groups.
        long rowGroupBytes = (8L * program.outputs().size() + 8) * 30;
        for (LocalDate[] range :
                new LocalDate[][] {{null, null}, {panel.date(45), panel.date(120)}, {panel.date(149), null}}) {
            Path expected = wholeEvaluation(panel, program, range[0], range[1], rowGroupBytes);
            for (int blockDates : new int[] {1, 3, 7, 40, 1000}) {
                Path actual = blocked(panel, program, range[0], range[1], blockDates, rowGroupBytes);
                assertThat(Files.mismatch(actual, expected))
                        .as("range %s..%s in blocks of %d dates", range[0], range[1], blockDates)
                        .isEqualTo(-1L);
            }
        }
    }

    @Test
    void theDefaultBlocksWriteTheSameFileAsTheWholePanelWriter() throws Exception {
        Panel panel = SyntheticMarket.generateRagged(40, 300, 11, 0, 40);
        Program program = PanelEvaluation.compile(panel, FINITE);
        Path expected = wholeEvaluation(panel, program, null, null, ParquetPanelWriter.ROW_GROUP_BYTES);
        Path actual = dir.resolve("default.parquet");
        long rows = BlockedEvaluation.write(panel, program, null, null, 0, actual);
        assertThat(rows).isEqualTo(panel.presentCount());
        assertThat(Files.mismatch(actual, expected)).isEqualTo(-1L);
        Path small = dir.resolve("small-blocks.parquet");
        BlockedEvaluation.write(panel, program, null, null, 5, small);
        assertThat(Files.mismatch(small, expected)).isEqualTo(-1L);
    }

    @Test
    void anEmaAgreesAfterItsWarmUpAsOnSpark() throws Exception {
        Panel panel = SyntheticMarket.generateRagged(12, 700, 3, 0, 12);
        Program program = PanelEvaluation.compile(panel, TestingEvaluations.EXPRESSIONS);
        assertThat(program.hasInfiniteMemory()).isTrue();
        long rowGroupBytes = (8L * program.outputs().size() + 8) * 12 * 10;
        Path expected = wholeEvaluation(panel, program, null, null, rowGroupBytes);
        Path actual = blocked(panel, program, null, null, 50, rowGroupBytes);
        PanelReader reader = new PanelReader();
        assertThat(TestingEvaluations.differences(reader.read(actual), reader.read(expected), Set.of("ema")))
                .isEmpty();
    }

    private Path wholeEvaluation(Panel panel, Program program, LocalDate from, LocalDate to, long rowGroupBytes)
            throws Exception {
        PanelEvaluation evaluation = PanelEvaluation.evaluate(panel, program, from, to);
        List<OutputColumn> columns = new ArrayList<>();
        evaluation.columns().forEach((name, values) -> columns.add(new OutputColumn(name, values, null)));
        Path file = Files.createTempFile(dir, "whole", ".parquet");
        Files.delete(file);
        ParquetPanelWriter.write(
                evaluation.panel(), evaluation.rowFrom(), evaluation.rowTo(), columns, file, rowGroupBytes);
        return file;
    }

    private Path blocked(Panel panel, Program program, LocalDate from, LocalDate to, int blockDates, long rowGroupBytes)
            throws Exception {
        int[] range = panel.rowRange(from, to);
        Path file = Files.createTempFile(dir, "blocked", ".parquet");
        Files.delete(file);
        new PanelWriter()
                .writeParquetByBlocks(
                        panel,
                        range[0],
                        range[1],
                        new ArrayList<>(program.outputs().keySet()),
                        blockDates,
                        (rowFrom, rowTo) -> BlockedEvaluation.block(panel, program, rowFrom, rowTo),
                        file,
                        rowGroupBytes);
        return file;
    }
}
