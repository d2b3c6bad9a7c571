package com.optaic.jobs.cli;

import com.optaic.engine.data.Panel;
import com.optaic.engine.eval.BlockedEvaluation;
import com.optaic.engine.eval.PanelEvaluation;
import com.optaic.engine.io.PanelWriter;
import com.optaic.operators.plan.ExpressionFile;
import com.optaic.operators.plan.Program;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;

/**
 * Evaluates expressions over a panel in this process and writes the dates from {@code from} to {@code to} to
 * {@code out}, or prints a preview of them when {@code out} is null; reports rows and timings on {@code err}.
 */
final class EvalInProcess {
    private EvalInProcess() {}

    /**
     * @param startNanos when the command started; the time until the panel is read counts as reading
     */
    static void run(
            Panel panel,
            ExpressionFile expressions,
            LocalDate from,
            LocalDate to,
            Path out,
            int previewRows,
            PrintWriter stdout,
            PrintWriter err,
            long startNanos) {
        long t1 = System.nanoTime();
        Program program = PanelEvaluation.compile(panel, expressions);
        long rows;
        long t2;
        boolean blocked = out != null && BlockedEvaluation.canWrite(out);
        if (blocked) {
            // Evaluated and written a block of dates at a time, overlapping: one figure for both.
            rows = BlockedEvaluation.write(panel, program, from, to, 0, out);
            t2 = System.nanoTime();
        } else {
            PanelEvaluation evaluation = PanelEvaluation.evaluate(panel, program, from, to);
            t2 = System.nanoTime();
            if (out != null) {
                new PanelWriter()
                        .write(
                                evaluation.panel(),
                                evaluation.rowFrom(),
                                evaluation.rowTo(),
                                new LinkedHashMap<>(evaluation.columns()),
                                out);
                rows = evaluation.panel().presentCount(evaluation.rowFrom(), evaluation.rowTo());
            } else {
                rows = Preview.print(stdout, evaluation, previewRows);
            }
        }
        long t3 = System.nanoTime();
        String timings = blocked
                ? String.format(Locale.ROOT, "evaluate and write by blocks %.2fs", (t3 - t1) / 1e9)
                : String.format(Locale.ROOT, "evaluate %.2fs, write %.2fs", (t2 - t1) / 1e9, (t3 - t2) / 1e9);
        err.printf(
                Locale.ROOT,
                "%d rows x %d expressions (%d distinct computations, lookback %d rows)%s; read %.2fs, %s%n",
                rows,
                program.outputs().size(),
                program.operatorCount(),
                program.lookback(),
                out == null ? "" : " -> " + out,
                (t1 - startNanos) / 1e9,
                timings);
    }
}
