package com.optaic.engine.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.engine.dataset.FilePartitioning;
import com.optaic.operators.plan.ExpressionFile;
import com.optaic.operators.plan.FieldCatalog;
import com.optaic.operators.plan.Program;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BlockPlannerTest {
    private static final FieldCatalog FIELDS =
            new FieldCatalog(Set.of("open", "high", "low", "close", "volume", "vwap"), Set.of("sector"));
    /** A business-day-like calendar: 1,000 dates from 2010-01-04, every day a date (gaps do not matter here). */
    private static final int[] CALENDAR = IntStream.range(0, 1000)
            .map(t -> (int) LocalDate.of(2010, 1, 4).toEpochDay() + t)
            .toArray();

    private static Program compile(String... lines) {
        return ExpressionText.of(ExpressionFile.parse("test", String.join("\n", lines)))
                .compile(FIELDS);
    }

    @Test
    void blocksTileTheRangeAndCarryTheLookbackAsHalo() {
        Program program = compile("m = MEAN(DELTA(close, 5), 20)", "r = RANK(close)");
        assertThat(program.lookback()).isEqualTo(24);
        assertThat(program.halo()).isEqualTo(24);

        List<DateBlock> blocks = BlockPlanner.plan(CALENDAR, program, null, null, 300);
        assertThat(blocks).extracting(DateBlock::outputFrom).containsExactly(0, 300, 600, 900);
        assertThat(blocks).extracting(DateBlock::outputTo).containsExactly(300, 600, 900, 1000);
        for (DateBlock block : blocks) {
            assertThat(block.computeTo()).isEqualTo(block.outputTo());
            assertThat(block.computeFrom()).isEqualTo(Math.max(0, block.outputFrom() - 24));
            assertThat(block.computeFromDay()).isEqualTo(CALENDAR[block.computeFrom()]);
            assertThat(block.outputToDay()).isEqualTo(CALENDAR[block.outputTo() - 1]);
            assertThat(block.partFileName()).isEqualTo(String.format("part-%05d.parquet", block.index()));
        }
    }

    @Test
    void partitionedBlocksAreTheWritersYearFilesCutOnlyWhenAYearHasTooManyCells() {
        Program program = compile("m = MEAN(DELTA(close, 5), 20)");
        // CALENDAR: 362 days of 2010 (from Jan 4), 365 of 2011, 273 of 2012.
        List<DateBlock> years =
                BlockPlanner.planByPartition(CALENDAR, program, null, null, FilePartitioning.byYear(), 100, 1_000_000);
        assertThat(years).extracting(DateBlock::outputFrom).containsExactly(0, 362, 727);
        assertThat(years).extracting(DateBlock::outputTo).containsExactly(362, 727, 1000);
        assertThat(years.get(1).computeFrom()).isEqualTo(362 - 24);
        assertThat(years).extracting(DateBlock::index).containsExactly(0, 1, 2);

        LocalDate from = LocalDate.of(2011, 12, 1);
        List<DateBlock> ranged = BlockPlanner.planByPartition(
                CALENDAR, program, from, LocalDate.of(2012, 1, 31), FilePartitioning.byYear(), 100, 1_000_000);
        assertThat(ranged).extracting(DateBlock::outputFromDay).containsExactly((int) from.toEpochDay(), (int)
                LocalDate.of(2012, 1, 1).toEpochDay());

        // 100 assets x 365 dates is more than 20,000 cells: cut into blocks of 200 dates within each year.
        List<DateBlock> cut =
                BlockPlanner.planByPartition(CALENDAR, program, null, null, FilePartitioning.byYear(), 100, 20_000);
        assertThat(cut).extracting(DateBlock::outputFrom).containsExactly(0, 200, 362, 562, 727, 927);
    }

    @Test
    void dateRangeSelectsCalendarRowsAndLabelsReadAhead() {
        Program program = compile("LABEL fwd5 = REF(close, -5) / close - 1", "mom = close / REF(close, 20) - 1");
        LocalDate from = LocalDate.ofEpochDay(CALENDAR[100]);
        LocalDate to = LocalDate.ofEpochDay(CALENDAR[997]);
        List<DateBlock> blocks = BlockPlanner.plan(CALENDAR, program, from, to, 500);
        assertThat(blocks).hasSize(2);
        assertThat(blocks.get(0).outputFrom()).isEqualTo(100);
        assertThat(blocks.get(0).computeFrom()).isEqualTo(80);
        assertThat(blocks.get(0).computeTo()).isEqualTo(605);
        assertThat(blocks.get(1).outputTo()).isEqualTo(998);
        assertThat(blocks.get(1).computeTo()).isEqualTo(1000); // the lookahead stops at the calendar's end

        assertThat(BlockPlanner.plan(CALENDAR, program, LocalDate.of(2030, 1, 1), null, 100))
                .isEmpty();
    }

    @Test
    void emaWarmUpDropsLessThanOnePartIn1e16OfTheWeight() {
        // Independent: w = ceil(ln(1e-16 * a) / ln(1 - a)), a = 2 / (n + 1), computed with Python's math module.
        assertThat(Program.emaWarmUp(10)).isEqualTo(193);
        assertThat(Program.emaWarmUp(20)).isEqualTo(392);
        assertThat(Program.emaWarmUp(250)).isEqualTo(5210);
        assertThat(Program.emaWarmUp(1)).isZero();

        Program program = compile("e = EMA(MEAN(close, 5), 10)");
        assertThat(program.hasInfiniteMemory()).isTrue();
        assertThat(program.halo()).isEqualTo(4 + 193);
        DateBlock last = BlockPlanner.plan(CALENDAR, program, null, null, 250).get(3);
        assertThat(last.computeFrom()).isEqualTo(750 - 197);
    }

    @Test
    void defaultBlocksGiveAFewTasksPerCore() {
        assertThat(BlockPlanner.defaultBlockDates(2520, 2000, 2)).isEqualTo(420);
        assertThat(BlockPlanner.defaultBlockDates(2520, 2000, 64)).isEqualTo(BlockPlanner.MIN_BLOCK_DATES);
        assertThat(BlockPlanner.defaultBlockDates(2520, 100_000, 1)).isEqualTo(40);
        assertThat(BlockPlanner.defaultBlockDates(0, 0, 2)).isEqualTo(BlockPlanner.MIN_BLOCK_DATES);
    }
}
