package com.optaic.engine.eval;

import static java.util.Objects.requireNonNull;

import com.optaic.engine.data.Panel;
import com.optaic.engine.io.PanelReader;
import com.optaic.operators.eval.Block;
import com.optaic.operators.eval.BlockEvaluator;
import com.optaic.operators.plan.ExpressionCompiler;
import com.optaic.operators.plan.ExpressionFile;
import com.optaic.operators.plan.FieldCatalog;
import com.optaic.operators.plan.Program;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Evaluates expressions over an in-memory panel in process: the path for previews, small data and the
 * command line's {@code --engine local}. Only the requested dates plus the lookback halo before them are
 * computed (all history when an expression has infinite memory, such as EMA, so results never depend on
 * where the range starts).
 *
 * @param panel the panel the columns belong to: the input, or the slice of it that was computed
 * @param columns per output name, an asset-major array of {@code panel}'s shape
 * @param rowFrom first calendar row of {@code panel} inside the requested range
 * @param rowTo end (exclusive) of the requested range
 */
public record PanelEvaluation(Panel panel, Program program, Map<String, double[]> columns, int rowFrom, int rowTo) {

    public PanelEvaluation {
        requireNonNull(panel, "panel is null");
        requireNonNull(program, "program is null");
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    public static FieldCatalog catalog(Panel panel) {
        return new FieldCatalog(
                panel.numericFields().keySet(), panel.groupFields().keySet());
    }

    public static Program compile(Panel panel, ExpressionFile expressions) {
        return ExpressionCompiler.compile(catalog(panel), expressions.macros(), expressions.definitions());
    }

    /**
     * Reads from a long-layout file only the fields the expressions use, when the format can tell which it
     * holds without reading the data (Parquet); otherwise the whole file.
     */
    public static Panel readFor(PanelReader reader, Path path, ExpressionFile expressions) {
        Optional<Map<String, Boolean>> fields = reader.fields(path);
        if (fields.isEmpty()) {
            return reader.read(path);
        }
        Set<String> numeric = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        fields.get().forEach((name, isGroup) -> (isGroup ? groups : numeric).add(name));
        Program program = ExpressionCompiler.compile(
                new FieldCatalog(numeric, groups), expressions.macros(), expressions.definitions());
        Set<String> needed = new TreeSet<>(program.numericInputs());
        needed.addAll(program.groupInputs());
        return reader.read(path, Optional.of(needed));
    }

    /** Evaluates over the dates in [from, to] (either may be null for open). */
    public static PanelEvaluation evaluate(Panel panel, Program program, LocalDate from, LocalDate to) {
        return evaluate(panel, program, from, to, 0);
    }

    /**
     * As {@link #evaluate(Panel, Program, LocalDate, LocalDate)} for a panel that is itself a slice of a
     * longer calendar starting at global row {@code panelFirstRow}: rows whose lookback lies inside the
     * panel then equal a whole-calendar evaluation bit for bit.
     */
    public static PanelEvaluation evaluate(
            Panel panel, Program program, LocalDate from, LocalDate to, int panelFirstRow) {
        return evaluate(panel, program, from, to, panelFirstRow, () -> {});
    }

    /**
     * As {@link #evaluate(Panel, Program, LocalDate, LocalDate, int)}, running {@code checkpoint} before each
     * computation (see {@link BlockEvaluator#evaluate(Program, Block, Runnable)}): a checkpoint that throws stops
     * the evaluation.
     */
    public static PanelEvaluation evaluate(
            Panel panel, Program program, LocalDate from, LocalDate to, int panelFirstRow, Runnable checkpoint) {
        int[] range = panel.rowRange(from, to);
        int start = program.hasInfiniteMemory() ? 0 : Math.max(0, range[0] - program.lookback());
        int end = Math.min(panel.dateCount(), range[1] + program.lookahead());
        Panel computed = start == 0 && end == panel.dateCount() ? panel : slice(panel, start, end, program);
        Block block =
                new Block(computed.dateCount(), computed.assetCount(), computed.presence(), panelFirstRow + start);
        for (String field : program.numericInputs()) {
            block.numeric(field, computed.requireNumeric(field));
        }
        for (String field : program.groupInputs()) {
            Panel.GroupColumn group = computed.groupFields().get(field);
            block.group(field, group != null ? group.codes() : computed.requireNumeric(field));
        }
        Map<String, double[]> columns = BlockEvaluator.evaluate(program, block, checkpoint);
        return new PanelEvaluation(computed, program, columns, range[0] - start, range[1] - start);
    }

    /** Copies calendar rows [start, end) of the fields a program reads. */
    static Panel slice(Panel panel, int start, int end, Program program) {
        Set<String> fields = new TreeSet<>(program.numericInputs());
        fields.addAll(program.groupInputs());
        return slice(panel, start, end, fields);
    }

    /** Copies calendar rows [start, end) of the named fields. */
    public static Panel slice(Panel panel, int start, int end, Set<String> fieldNames) {
        return panel.rows(start, end, fieldNames);
    }
}
