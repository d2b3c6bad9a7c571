package com.optaic.engine.ingest;

import com.optaic.engine.data.Panel;
import com.optaic.engine.dataset.DatasetQuery;
import com.optaic.engine.dataset.DatasetReader;
import com.optaic.engine.dataset.FieldType;
import com.optaic.engine.dataset.ManifestJson;
import com.optaic.engine.dataset.StorageLocation;
import com.optaic.engine.dataset.VersionManifest;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A split's rows dated on or before the dataset's last date (an append writes none of them): how many, and, when
 * compared with the published version, how many differ from it and the first that does (by date, then asset).
 */
record EarlierRows(long rows, long corrections, int firstDay, String firstAsset, String firstField)
        implements Serializable {
    static final EarlierRows NONE = new EarlierRows(0, 0, 0, null, null);

    /** The published version a split's earlier rows are compared with, as text a Spark task can carry. */
    record Published(String root, String manifestJson) implements Serializable {
        static Published of(StorageLocation root, VersionManifest manifest) {
            return new Published(root.toString(), new String(ManifestJson.write(manifest), StandardCharsets.UTF_8));
        }

        VersionManifest manifest() {
            try {
                return ManifestJson.read(manifestJson.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Counts the panel's rows dated on or before {@code afterDay} (and not after {@code throughDay}) and, with a
     * published version, compares each with it.
     */
    static EarlierRows of(Panel panel, int afterDay, int throughDay, Published published) {
        if (afterDay == Integer.MIN_VALUE) {
            return NONE;
        }
        int[] days = panel.epochDays();
        int lastDay = Math.min(afterDay, throughDay);
        int dates = 0;
        while (dates < days.length && days[dates] <= lastDay) {
            dates++;
        }
        long rows = panel.presentCount(0, dates);
        if (rows == 0 || published == null) {
            return new EarlierRows(rows, 0, 0, null, null);
        }
        VersionManifest manifest = published.manifest();
        Set<String> fields = new LinkedHashSet<>(manifest.schema().keySet());
        Set<String> sourceFields = new LinkedHashSet<>(panel.numericFields().keySet());
        sourceFields.addAll(panel.groupFields().keySet());
        fields.retainAll(sourceFields); // a field the dataset does not have is not compared
        Panel old = DatasetReader.ofResolvedVersions(StorageLocation.of(published.root()))
                .read(
                        manifest,
                        DatasetQuery.all()
                                .between(LocalDate.ofEpochDay(days[0]), LocalDate.ofEpochDay(days[dates - 1]))
                                .fields(fields))
                .panel();
        Map<Integer, Integer> oldDates = new HashMap<>();
        for (int t = 0; t < old.dateCount(); t++) {
            oldDates.put(old.epochDays()[t], t);
        }
        Map<String, Integer> oldAssets = new HashMap<>();
        for (int a = 0; a < old.assetCount(); a++) {
            oldAssets.put(old.assets()[a], a);
        }
        long corrections = 0;
        int firstDay = 0;
        String firstAsset = null;
        String firstField = null;
        for (int t = 0; t < dates; t++) {
            for (int a = 0; a < panel.assetCount(); a++) {
                if (!panel.isPresent(a, t)) {
                    continue;
                }
                Integer ot = oldDates.get(days[t]);
                Integer oa = oldAssets.get(panel.assets()[a]);
                String differs = ot == null || oa == null || !old.isPresent(oa, ot)
                        ? ""
                        : firstDifference(panel, a, t, old, oa, ot, fields, manifest.schema());
                if (differs != null) {
                    if (corrections++ == 0) {
                        firstDay = days[t];
                        firstAsset = panel.assets()[a];
                        firstField = differs.isEmpty() ? null : differs;
                    }
                }
            }
        }
        return new EarlierRows(rows, corrections, firstDay, firstAsset, firstField);
    }

    /** The first field whose value differs (numbers bit for bit, labels as text), or null when none does. */
    private static String firstDifference(
            Panel panel, int a, int t, Panel old, int oa, int ot, Set<String> fields, Map<String, FieldType> schema) {
        int cell = a * panel.dateCount() + t;
        int oldCell = oa * old.dateCount() + ot;
        for (String field : fields) {
            if (schema.get(field) == FieldType.NUMERIC) {
                double[] values = panel.numericFields().get(field);
                double value = values == null ? Double.NaN : values[cell];
                if (Double.doubleToLongBits(value) != Double.doubleToLongBits(old.requireNumeric(field)[oldCell])) {
                    return field;
                }
            } else {
                Panel.GroupColumn column = panel.groupFields().get(field);
                String label = column == null ? null : label(column, cell);
                if (!Objects.equals(label, label(old.groupFields().get(field), oldCell))) {
                    return field;
                }
            }
        }
        return null;
    }

    private static String label(Panel.GroupColumn column, int cell) {
        double code = column.codes()[cell];
        return Double.isNaN(code) ? null : column.labels()[(int) code];
    }
}
