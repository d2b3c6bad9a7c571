package com.optaic.engine.eval;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.dataset.DatasetReader;
import com.optaic.engine.dataset.FieldType;
import com.optaic.engine.dataset.VersionCatalog;
import com.optaic.engine.dataset.VersionManifest;
import com.optaic.operators.plan.ExpressionCompiler;
import com.optaic.operators.plan.ExpressionFile;
import com.optaic.operators.plan.FieldCatalog;
import com.optaic.operators.plan.Program;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an evaluation of expressions over a dataset version into an output dataset has to do, in process
 * ({@link DatasetEvaluation}) or on Spark alike: the program compiled against the input version's schema, and
 * which output dates to compute. When the output already has a version (and no rebuild is asked for), only the
 * input's dates after the output's last date are computed and appended; the halo before them is the
 * evaluator's business ({@link Program#halo()}).
 *
 * @param input the input version
 * @param catalog the fields of the input version, which the program was compiled against
 * @param fields the input fields the program reads
 * @param done the output's latest version when appending to it; empty for a full (re)build
 * @param from the first output date to compute: the day after {@code done}'s last date, or null for all
 */
public record DatasetPlan(
        VersionManifest input,
        Program program,
        FieldCatalog catalog,
        Set<String> fields,
        Optional<VersionManifest> done,
        LocalDate from) {
    public DatasetPlan {
        requireNonNull(input, "input is null");
        requireNonNull(program, "program is null");
        requireNonNull(catalog, "catalog is null");
        fields = Set.copyOf(fields);
        requireNonNull(done, "done is null");
    }

    /**
     * Plans bringing {@code output} (in {@code outputCatalog}) up to date with version {@code inputVersion}
     * (null: latest) of {@code input}.
     *
     * @param rebuild recompute every date and write a full new version instead of appending
     * @throws OptaicException when {@code output} is {@code input}: its next version would hold the expressions'
     *     outputs alone and no longer its own fields
     */
    public static DatasetPlan of(
            DatasetReader inputReader,
            String input,
            Long inputVersion,
            VersionCatalog outputCatalog,
            String output,
            ExpressionFile expressions,
            boolean rebuild) {
        if (input.equals(output)) {
            throw new OptaicException(
                    EngineErrorCode.BAD_REQUEST,
                    "Cannot evaluate dataset '" + input + "' into"
                            + " itself: its next version would hold only the expressions' outputs, not its own fields;"
                            + " write them into another dataset");
        }
        VersionManifest in = inputReader.resolve(input, inputVersion);
        FieldCatalog catalog = catalog(in);
        Program program = ExpressionCompiler.compile(catalog, expressions.macros(), expressions.definitions());
        Set<String> fields = new TreeSet<>(program.numericInputs());
        fields.addAll(program.groupInputs());
        Optional<VersionManifest> done = rebuild ? Optional.empty() : outputCatalog.latest(output);
        LocalDate from = done.map(m -> m.maxDate().plusDays(1)).orElse(null);
        return new DatasetPlan(in, program, catalog, fields, done, from);
    }

    /** The fields of a dataset version by type, as its schema says. */
    public static FieldCatalog catalog(VersionManifest version) {
        Set<String> numeric = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        version.schema().forEach((name, type) -> (type == FieldType.NUMERIC ? numeric : groups).add(name));
        return new FieldCatalog(numeric, groups);
    }

    /** Whether the output already covers every input date: nothing to compute. */
    public boolean upToDate() {
        return done.isPresent() && !input.maxDate().isAfter(done.get().maxDate());
    }

    /** Whether the new dates are appended to {@link #done} rather than written as a full version. */
    public boolean appends() {
        return done.isPresent();
    }
}
