package com.optaic.engine.dataset;

import static java.util.Objects.requireNonNull;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.data.Panel;
import com.optaic.engine.data.Panel.GroupColumn;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Serves a point-in-time (PIT) dataset, such as fundamentals, on a target calendar without look-ahead: on each
 * target date, per asset, the latest row that was already known that day.
 *
 * <p>A PIT dataset is an ordinary dataset with a numeric field {@value #AVAILABLE_AT}: the epoch day (days since
 * 1970-01-01) on which the row became available, e.g. the filing date of a quarter's figures. A row's
 * {@code date} says what it is about (the fiscal period end, or for a restatement its own record date); every row
 * needs an {@code available_at}. On target date {@code d} a row is eligible when both its {@code date} and its
 * {@code available_at} are on or before {@code d}; of the eligible rows of an asset the one with the latest
 * {@code date} is served. So a figure published late appears only from its publication day, a revision (a
 * later-dated row for the same figure) replaces it from the day the revision is available, and a late-arriving
 * row never displaces a later-dated one that was already known.
 *
 * <p>The result is a panel on the target calendar with the requested fields, {@value #AVAILABLE_AT}, and
 * {@value #ROW_DATE} (the epoch day of the row served, to measure staleness); a cell is present where a row was
 * served.
 */
public final class PointInTimeReader {
    /** The field holding the epoch day a row became available. */
    public static final String AVAILABLE_AT = "available_at";
    /** The output field holding the {@code date} (epoch day) of the row served. */
    public static final String ROW_DATE = "row_date";

    private final DatasetReader reader;

    public PointInTimeReader(DatasetReader reader) {
        this.reader = requireNonNull(reader, "reader is null");
    }

    /**
     * Reads the rows dated up to the calendar's last day and serves them on each calendar day.
     *
     * @param version the version to read, or null for the latest committed one
     * @param calendar the target dates, strictly increasing epoch days
     * @param fields the fields to serve, or null for all
     * @param assets the asset universe, or null for every asset with a row
     */
    public Panel read(
            String dataset, Long version, int[] calendar, Collection<String> fields, Collection<String> assets) {
        requireNonNull(calendar, "calendar is null");
        VersionManifest manifest = reader.resolve(dataset, version);
        String source = "point-in-time dataset '" + dataset + "' version " + manifest.version();
        FieldType availableType = manifest.schema().get(AVAILABLE_AT);
        if (availableType != FieldType.NUMERIC) {
            throw new OptaicException(
                    EngineErrorCode.BAD_AVAILABLE_AT,
                    "Cannot read " + source + ": it has "
                            + (availableType == null
                                    ? "no field '" + AVAILABLE_AT + "'"
                                    : "a " + availableType.description() + " field '" + AVAILABLE_AT + "'")
                            + "; a point-in-time dataset needs the numeric epoch day "
                            + "each row became available");
        }
        DatasetQuery query = DatasetQuery.all().atVersion(manifest.version()).assets(assets);
        if (fields != null) {
            Set<String> withAvailability = new HashSet<>(fields);
            withAvailability.add(AVAILABLE_AT);
            query = query.fields(withAvailability);
        }
        if (calendar.length > 0) {
            query = query.between(null, LocalDate.ofEpochDay(calendar[calendar.length - 1]));
        }
        Panel rows = reader.read(manifest, query).panel();
        return serve(source, rows, calendar);
    }

    /**
     * Serves the rows of a PIT panel (which must have {@value #AVAILABLE_AT}) on the target calendar, as described
     * in the class comment.
     */
    public static Panel pointInTime(Panel rows, int[] calendar) {
        return serve(
                "point-in-time panel",
                requireNonNull(rows, "rows is null"),
                requireNonNull(calendar, "calendar is null"));
    }

    private static Panel serve(String source, Panel rows, int[] calendar) {
        for (int j = 1; j < calendar.length; j++) {
            if (calendar[j] <= calendar[j - 1]) {
                throw new OptaicException(
                        EngineErrorCode.BAD_REQUEST,
                        "Cannot read " + source + ": the target calendar is not strictly increasing at "
                                + LocalDate.ofEpochDay(calendar[j]));
            }
        }
        double[] available = rows.numericFields().get(AVAILABLE_AT);
        if (available == null) {
            throw new OptaicException(
                    EngineErrorCode.BAD_AVAILABLE_AT,
                    "Cannot read " + source + ": it has no numeric " + "field '" + AVAILABLE_AT + "'");
        }
        if (rows.numericFields().containsKey(ROW_DATE) || rows.groupFields().containsKey(ROW_DATE)) {
            throw new OptaicException(
                    EngineErrorCode.BAD_FIELD,
                    "Cannot read " + source + ": it has a field '" + ROW_DATE
                            + "', a name the point-in-time reader uses for the date of the row it serves");
        }
        int dates = rows.dateCount();
        int targets = calendar.length;
        int assets = rows.assetCount();
        int[] days = rows.epochDays();
        // served[a * targets + j]: the source cell served to asset a on target day j, or -1.
        int[] served = new int[assets * targets];
        Arrays.fill(served, -1);
        long[] keys = new long[dates];
        for (int a = 0; a < assets; a++) {
            int base = a * dates;
            int n = 0;
            for (int t = 0; t < dates; t++) {
                if (!rows.isPresent(a, t)) {
                    continue;
                }
                double day = available[base + t];
                if (day != Math.rint(day) || Math.abs(day) > 10_000_000) {
                    throw new OptaicException(
                            EngineErrorCode.BAD_AVAILABLE_AT,
                            "Cannot read " + source + ": row ("
                                    + rows.date(t) + ", " + rows.assets()[a] + ") has " + AVAILABLE_AT + " " + day
                                    + "; every row needs the epoch day it became available");
                }
                long eligibleFrom = Math.max((long) day, days[t]);
                keys[n++] = (eligibleFrom << 32) | t;
            }
            // Rows in the order they become eligible; the served row is the latest-dated eligible one so far.
            Arrays.sort(keys, 0, n);
            int next = 0;
            int best = -1;
            for (int j = 0; j < targets; j++) {
                while (next < n && (keys[next] >> 32) <= calendar[j]) {
                    best = Math.max(best, (int) keys[next]);
                    next++;
                }
                if (best >= 0) {
                    served[a * targets + j] = base + best;
                }
            }
        }

        boolean[] present = new boolean[assets * targets];
        for (int cell = 0; cell < present.length; cell++) {
            present[cell] = served[cell] >= 0;
        }
        Map<String, double[]> numeric = new LinkedHashMap<>();
        rows.numericFields().forEach((name, values) -> numeric.put(name, gather(values, served)));
        double[] rowDates = new double[served.length];
        for (int cell = 0; cell < served.length; cell++) {
            rowDates[cell] = served[cell] >= 0 ? days[served[cell] % dates] : Double.NaN;
        }
        numeric.put(ROW_DATE, rowDates);
        Map<String, GroupColumn> groups = new LinkedHashMap<>();
        rows.groupFields()
                .forEach((name, column) ->
                        groups.put(name, new GroupColumn(column.labels(), gather(column.codes(), served))));
        return new Panel(calendar.clone(), rows.assets().clone(), present, numeric, groups);
    }

    private static double[] gather(double[] values, int[] served) {
        double[] result = new double[served.length];
        for (int cell = 0; cell < served.length; cell++) {
            result[cell] = served[cell] >= 0 ? values[served[cell]] : Double.NaN;
        }
        return result;
    }
}
