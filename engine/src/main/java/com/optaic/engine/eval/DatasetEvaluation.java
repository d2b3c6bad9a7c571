package com.optaic.engine.eval;

import static java.util.Objects.requireNonNull;

import com.optaic.engine.data.Panel;
import com.optaic.engine.dataset.DatasetQuery;
import com.optaic.engine.dataset.DatasetReader;
import com.optaic.engine.dataset.DatasetSlice;
import com.optaic.engine.dataset.DatasetWriter;
import com.optaic.engine.dataset.VersionCatalog;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.operators.plan.ExpressionFile;
import com.optaic.operators.plan.Program;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates expressions over a dataset version and publishes the results as a version of an output dataset,
 * incrementally: when the output already covers some dates, only the input's later dates are computed
 * (reading just those dates plus the lookback halo) and appended as a new output version. Because the
 * kernels align their blocks to global calendar rows, the appended values equal a full recompute bit for
 * bit; EMA, whose memory is infinite, is read with the warm-up of {@link Program#halo()} and agrees to about
 * 1e-15 relative.
 */
public final class DatasetEvaluation {
    /**
     * @param output the output version after the run (unchanged when there was nothing new)
     * @param datesAppended new dates written
     * @param datesComputed dates evaluated, halo included
     */
    public record Outcome(VersionManifest output, long rowsAdded, int datesAppended, int datesComputed) {}

    private final DatasetReader reader;
    private final DatasetWriter writer;
    private final VersionCatalog catalog;

    public DatasetEvaluation(DatasetReader reader, DatasetWriter writer, VersionCatalog catalog) {
        this.reader = requireNonNull(reader, "reader is null");
        this.writer = requireNonNull(writer, "writer is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    /**
     * Brings {@code output} up to date with version {@code inputVersion} (null: latest) of {@code input}.
     *
     * @param rebuild recompute every date and write a full new version instead of appending
     */
    public Outcome run(
            String input,
            Long inputVersion,
            String output,
            ExpressionFile expressions,
            boolean rebuild,
            LocalDate asOf) {
        return run(input, inputVersion, output, expressions, rebuild, asOf, () -> {});
    }

    /**
     * As {@link #run(String, Long, String, ExpressionFile, boolean, LocalDate)}, running {@code checkpoint} before
     * each computation and before the write: a checkpoint that throws stops the run before anything is committed.
     */
    public Outcome run(
            String input,
            Long inputVersion,
            String output,
            ExpressionFile expressions,
            boolean rebuild,
            LocalDate asOf,
            Runnable checkpoint) {
        DatasetPlan plan = DatasetPlan.of(reader, input, inputVersion, catalog, output, expressions, rebuild);
        if (plan.upToDate()) {
            return new Outcome(plan.done().get(), 0, 0, 0);
        }
        Program program = plan.program();
        Set<String> fields = plan.fields();
        VersionManifest in = plan.input();
        LocalDate after = plan.done().map(VersionManifest::maxDate).orElse(null);
        int halo = program.halo();
        DatasetSlice slice = readWithHalo(in, fields, after, halo);
        Panel panel = slice.panel();
        int firstRow = slice.firstRow();
        LocalDate from = plan.from();
        int firstNew = panel.rowRange(from, null)[0];
        if (firstNew > halo) { // the read had to over-fetch calendar days; evaluate only the halo
            int start = firstNew - halo;
            panel = PanelEvaluation.slice(panel, start, panel.dateCount(), fields);
            firstRow += start;
        }
        PanelEvaluation evaluation = PanelEvaluation.evaluate(panel, program, from, null, firstRow, checkpoint);

        Panel computed = evaluation.panel();
        Panel results = new Panel(
                computed.epochDays(),
                computed.assets(),
                computed.presence(),
                new LinkedHashMap<>(evaluation.columns()),
                Map.of());
        Panel fresh = PanelEvaluation.slice(
                results,
                evaluation.rowFrom(),
                evaluation.rowTo(),
                results.numericFields().keySet());
        checkpoint.run();
        VersionManifest written =
                plan.appends() ? writer.append(output, fresh, asOf) : writer.rebuild(output, fresh, asOf);
        return new Outcome(written, fresh.presentCount(), fresh.dateCount(), computed.dateCount());
    }

    /**
     * Reads the dates after {@code after} plus {@code halo} earlier dates. The calendar is only known by
     * reading it, so the read starts a generous number of days earlier and widens until the halo is there
     * or the dataset's first date is reached.
     */
    private DatasetSlice readWithHalo(VersionManifest in, Set<String> fields, LocalDate after, int halo) {
        DatasetQuery query = DatasetQuery.all().fields(fields);
        if (after == null) {
            return reader.read(in, query);
        }
        long span = halo * 3L / 2 + 14; // business days to calendar days, with room for holidays
        while (true) {
            LocalDate from = after.minusDays(span);
            DatasetSlice slice = reader.read(in, query.between(from, null));
            int[] days = slice.panel().epochDays();
            int haloRows = Arrays.binarySearch(days, (int) after.toEpochDay());
            haloRows = haloRows >= 0 ? haloRows + 1 : -haloRows - 1;
            if (haloRows >= halo || !from.isAfter(in.minDate())) {
                return slice;
            }
            span *= 2;
        }
    }
}
