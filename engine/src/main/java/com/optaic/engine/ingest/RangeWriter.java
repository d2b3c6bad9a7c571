package com.optaic.engine.ingest;

import com.optaic.engine.data.Panel;
import com.optaic.engine.data.Panel.GroupColumn;
import com.optaic.engine.dataset.DataFile;
import com.optaic.engine.dataset.DataFileStaging;
import com.optaic.engine.dataset.FieldType;
import com.optaic.engine.dataset.StorageLocation;
import com.optaic.engine.ingest.IngestSplit.CellKey;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The work of one write task: merges the fragments of every split that fall in one file's date range into a
 * panel (dates and assets with a row, fields and label tables of the whole input) and writes it as that data
 * file, through {@link DataFileStaging#writeDataFile}, so the bytes equal those of a panel written in one piece.
 * A (date, asset) row held by two splits is not written but reported, attributed to the later split.
 */
final class RangeWriter implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Duplicate keys a task reports at most; the driver needs them only to find the first one's line. */
    static final int MAX_REPORTED_DUPLICATES = 100_000;

    private final String datasetDirectory;
    private final String writeDirectory;
    private final LinkedHashMap<String, FieldType> fields;
    private final LinkedHashMap<String, String[]> labels;

    RangeWriter(
            StorageLocation datasetDirectory,
            StorageLocation writeDirectory,
            LinkedHashMap<String, FieldType> fields,
            LinkedHashMap<String, String[]> labels) {
        this.datasetDirectory = datasetDirectory.toString();
        this.writeDirectory = writeDirectory.toString();
        this.fields = fields;
        this.labels = labels;
    }

    /** A written file, or the duplicates that stopped it. */
    record Result(int range, WrittenFile file, Duplicates duplicates) implements Serializable {}

    /** Rows of split {@code split} whose key an earlier split already had: key -> that earlier split. */
    record Duplicates(int split, LinkedHashMap<CellKey, Integer> firstSplitOf) implements Serializable {}

    /** {@link DataFile} in serialisable form. */
    record WrittenFile(
            String path,
            long rows,
            long bytes,
            String sha256,
            LocalDate minDate,
            LocalDate maxDate,
            ArrayList<String> fields,
            int dates)
            implements Serializable {
        static WrittenFile of(DataFile file) {
            return new WrittenFile(
                    file.path(),
                    file.rows(),
                    file.bytes(),
                    file.sha256(),
                    file.minDate(),
                    file.maxDate(),
                    new ArrayList<>(file.fields()),
                    file.dates());
        }

        DataFile toDataFile() {
            return new DataFile(path, rows, bytes, sha256, minDate, maxDate, fields, dates);
        }
    }

    Result write(int range, Iterable<Fragment> fragments) {
        List<Fragment> pieces = new ArrayList<>();
        fragments.forEach(pieces::add);
        pieces.sort(Comparator.comparingInt(f -> f.split));
        int[] calendar = pieces.stream()
                .flatMapToInt(p -> Arrays.stream(p.epochDays))
                .sorted()
                .distinct()
                .toArray();
        TreeSet<String> assetSet = new TreeSet<>();
        pieces.forEach(p -> assetSet.addAll(Arrays.asList(p.assets)));
        String[] assets = assetSet.toArray(new String[0]);
        Map<String, Integer> assetIndex = new HashMap<>(assets.length * 2);
        for (int a = 0; a < assets.length; a++) {
            assetIndex.put(assets[a], a);
        }
        int dates = calendar.length;
        int cells = Math.multiplyExact(dates, assets.length);
        boolean[] present = new boolean[cells];
        int[] owner = new int[cells];
        Map<String, double[]> numeric = new LinkedHashMap<>();
        Map<String, double[]> codes = new LinkedHashMap<>();
        fields.forEach((name, type) -> {
            double[] values = new double[cells];
            Arrays.fill(values, Double.NaN);
            (type == FieldType.NUMERIC ? numeric : codes).put(name, values);
        });
        for (Fragment piece : pieces) {
            Duplicates duplicates = merge(piece, calendar, assetIndex, present, owner, numeric, codes);
            if (duplicates != null) {
                // Splits are merged in order, so these are the duplicates of the earliest split that has any.
                return new Result(range, null, duplicates);
            }
        }
        Map<String, GroupColumn> groups = new LinkedHashMap<>();
        codes.forEach((name, values) -> groups.put(name, new GroupColumn(labels.get(name), values)));
        Panel panel = new Panel(calendar, assets, present, numeric, groups);
        DataFile file = DataFileStaging.writeDataFile(
                StorageLocation.of(datasetDirectory), StorageLocation.of(writeDirectory), panel);
        return new Result(range, WrittenFile.of(file), null);
    }

    /**
     * Copies a piece's present cells into the merged arrays, whole asset runs at a time where its dates are
     * contiguous in the merged calendar; returns the piece's rows that an earlier piece already had, if any.
     */
    private Duplicates merge(
            Fragment piece,
            int[] calendar,
            Map<String, Integer> assetIndex,
            boolean[] present,
            int[] owner,
            Map<String, double[]> numeric,
            Map<String, double[]> codes) {
        int dates = calendar.length;
        int pieceDates = piece.epochDays.length;
        int[] rowOf = new int[pieceDates];
        for (int t = 0; t < pieceDates; t++) {
            rowOf[t] = Arrays.binarySearch(calendar, piece.epochDays[t]);
        }
        boolean contiguous = pieceDates == 0 || rowOf[pieceDates - 1] - rowOf[0] == pieceDates - 1;
        List<double[]> numericFrom = new ArrayList<>();
        List<double[]> numericTo = new ArrayList<>();
        piece.numeric.forEach((name, values) -> {
            numericFrom.add(values);
            numericTo.add(numeric.get(name));
        });
        List<double[]> codesFrom = new ArrayList<>();
        List<double[]> codesTo = new ArrayList<>();
        List<double[]> remaps = new ArrayList<>();
        labelRemaps(piece).forEach((name, remap) -> {
            codesFrom.add(piece.codes.get(name));
            codesTo.add(codes.get(name));
            remaps.add(remap);
        });
        Duplicates duplicates = null;
        for (int a = 0; a < piece.assets.length; a++) {
            int base = assetIndex.get(piece.assets[a]) * dates;
            int source = a * pieceDates;
            boolean whole = contiguous;
            for (int t = 0; t < pieceDates; t++) {
                if (!piece.present[source + t]) {
                    whole = false;
                    continue;
                }
                int cell = base + rowOf[t];
                if (present[cell]) {
                    if (duplicates == null) {
                        duplicates = new Duplicates(piece.split, new LinkedHashMap<>());
                    }
                    if (duplicates.firstSplitOf().size() < MAX_REPORTED_DUPLICATES) {
                        duplicates.firstSplitOf().put(new CellKey(piece.epochDays[t], piece.assets[a]), owner[cell]);
                    }
                }
            }
            if (duplicates != null) {
                continue;
            }
            for (int t = 0; t < pieceDates; t++) {
                if (piece.present[source + t]) {
                    present[base + rowOf[t]] = true;
                    owner[base + rowOf[t]] = piece.split;
                }
            }
            for (int f = 0; f < numericFrom.size(); f++) {
                double[] from = numericFrom.get(f);
                double[] to = numericTo.get(f);
                if (whole) {
                    System.arraycopy(from, source, to, base + rowOf[0], pieceDates);
                } else {
                    for (int t = 0; t < pieceDates; t++) {
                        if (piece.present[source + t]) {
                            to[base + rowOf[t]] = from[source + t];
                        }
                    }
                }
            }
            for (int g = 0; g < codesFrom.size(); g++) {
                double[] from = codesFrom.get(g);
                double[] to = codesTo.get(g);
                double[] remap = remaps.get(g);
                for (int t = 0; t < pieceDates; t++) {
                    double code = from[source + t];
                    if (piece.present[source + t]) {
                        to[base + rowOf[t]] = !Double.isNaN(code) ? remap[(int) code] : Double.NaN;
                    }
                }
            }
        }
        return duplicates;
    }

    /** Per group field of the piece, its label codes mapped to codes into the whole input's label table. */
    private Map<String, double[]> labelRemaps(Fragment piece) {
        Map<String, double[]> remaps = new LinkedHashMap<>();
        piece.labels.forEach((name, pieceLabels) -> {
            String[] global = labels.get(name);
            Map<String, Integer> index = new HashMap<>(global.length * 2);
            for (int i = 0; i < global.length; i++) {
                index.put(global[i], i);
            }
            double[] remap = new double[pieceLabels.length];
            for (int i = 0; i < remap.length; i++) {
                remap[i] = index.get(pieceLabels[i]);
            }
            remaps.put(name, remap);
        });
        return remaps;
    }
}
