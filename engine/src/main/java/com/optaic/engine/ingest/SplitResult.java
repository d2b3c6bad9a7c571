package com.optaic.engine.ingest;

import com.optaic.common.ErrorCategory;
import com.optaic.common.ErrorCode;
import com.optaic.common.OptaicException;
import com.optaic.engine.data.Panel;
import com.optaic.engine.dataset.FieldType;
import java.io.Serializable;
import java.util.LinkedHashMap;

/**
 * What reading one split gave: its rows in the dates being ingested, or the user error that stopped it (kept as
 * a value, so the driver reports the first split's error whatever order the tasks ran in).
 */
final class SplitResult implements Serializable {
    private static final long serialVersionUID = 1L;

    final int split;
    /** Null when the split failed, and in a {@link #summary()}. */
    final Fragment rows;
    /** The dates with a row in the ingested range, ascending. */
    final int[] days;
    /** The assets with a row in the ingested range. */
    final String[] assets;

    final long rowCount;
    /** Every field of the split with its type, in the split's order. */
    final LinkedHashMap<String, FieldType> fields;
    /**
     * Per group field, the split's whole label table, including labels only seen outside the ingested dates:
     * a file's label dictionary is the whole input's, as when the input is written in one piece.
     */
    final LinkedHashMap<String, String[]> labels;

    final Problem problem;

    /** The split's rows dated on or before the dataset's last date, which an append does not write. */
    final EarlierRows earlier;

    private SplitResult(
            int split,
            Fragment rows,
            int[] days,
            String[] assets,
            long rowCount,
            LinkedHashMap<String, FieldType> fields,
            LinkedHashMap<String, String[]> labels,
            Problem problem,
            EarlierRows earlier) {
        this.split = split;
        this.rows = rows;
        this.days = days;
        this.assets = assets;
        this.rowCount = rowCount;
        this.fields = fields;
        this.labels = labels;
        this.problem = problem;
        this.earlier = earlier;
    }

    /** A user error of a task; its code is an enum constant, so it serialises as itself. */
    record Problem(ErrorCode code, String message) implements Serializable {
        OptaicException toException() {
            return new OptaicException(code, message);
        }
    }

    /**
     * Reads a split's rows dated in (afterDay, throughDay]; with {@code published}, compares those dated on or
     * before afterDay with it ({@link EarlierRows}).
     */
    static SplitResult read(
            int split, IngestSplit source, int afterDay, int throughDay, EarlierRows.Published published) {
        Panel panel;
        try {
            panel = source.read();
        } catch (OptaicException e) {
            if (e.category() == ErrorCategory.INTERNAL) {
                throw e;
            }
            return new SplitResult(
                    split,
                    null,
                    new int[0],
                    new String[0],
                    0,
                    new LinkedHashMap<>(),
                    new LinkedHashMap<>(),
                    new Problem(e.code(), e.getMessage()),
                    EarlierRows.NONE);
        }
        LinkedHashMap<String, FieldType> fields = new LinkedHashMap<>();
        panel.numericFields().keySet().forEach(name -> fields.put(name, FieldType.NUMERIC));
        LinkedHashMap<String, String[]> labels = new LinkedHashMap<>();
        panel.groupFields().forEach((name, column) -> {
            fields.put(name, FieldType.GROUP);
            labels.put(name, column.labels());
        });
        EarlierRows earlier;
        try {
            earlier = EarlierRows.of(panel, afterDay, throughDay, published);
        } catch (OptaicException e) {
            if (e.category() == ErrorCategory.INTERNAL) {
                throw e;
            }
            return new SplitResult(
                    split,
                    null,
                    new int[0],
                    new String[0],
                    0,
                    fields,
                    labels,
                    new Problem(e.code(), e.getMessage()),
                    EarlierRows.NONE);
        }
        Fragment rows = Fragment.of(split, panel, afterDay, throughDay);
        return new SplitResult(
                split, rows, rows.epochDays, rows.assets, rows.rowCount(), fields, labels, null, earlier);
    }

    /** This result without its rows: what the driver needs to plan the files. */
    SplitResult summary() {
        return new SplitResult(split, null, days, assets, rowCount, fields, labels, problem, earlier);
    }
}
