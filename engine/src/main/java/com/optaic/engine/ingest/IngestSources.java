package com.optaic.engine.ingest;

import com.optaic.engine.data.Panel;
import com.optaic.engine.io.PanelReader;
import com.optaic.engine.synthetic.SyntheticMarket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The built-in sources: long CSV or Parquet files (one split each), a set of wide CSV files, a synthetic market. */
public final class IngestSources {
    private IngestSources() {}

    /**
     * Long-layout files ({@code date, asset, fields...}) named by a file, a directory or a glob (see
     * {@link InputFiles}): one split per file, in path order.
     *
     * @param extension {@code .csv} or {@code .parquet}: the files a directory contributes
     */
    public static IngestSource files(String path, String extension, Set<String> groupFields) {
        return parallelism -> InputFiles.expand(path, extension).stream()
                .map(file -> (IngestSplit) new FileSplit(file, groupFields))
                .toList();
    }

    /**
     * Wide-layout CSV files, one per field ({@code date,<asset>,...}), read as one split: a row needs every field
     * file, so they cannot be read apart.
     */
    public static IngestSource wideCsv(Map<String, Path> fieldFiles, Set<String> groupFields) {
        LinkedHashMap<String, String> files = new LinkedHashMap<>();
        fieldFiles.forEach((field, file) -> files.put(field, file.toString()));
        WideCsvSplit split = new WideCsvSplit(files, new ArrayList<>(groupFields));
        return parallelism -> List.of(split);
    }

    /**
     * {@link SyntheticMarket#generate} (or, {@code ragged}, {@link SyntheticMarket#generateRagged}) of
     * {@code assets} x {@code days}, generated in {@code tasks} splits of contiguous assets (0: one per engine
     * slot); the data is the same whatever the number of splits.
     */
    public static IngestSource synthetic(int assets, int days, long seed, boolean ragged, int tasks) {
        return parallelism -> {
            int count = Math.max(1, Math.min(assets, tasks > 0 ? tasks : parallelism));
            List<IngestSplit> splits = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                splits.add(new SyntheticSplit(assets, days, seed, ragged, (int) ((long) assets * i / count), (int)
                        ((long) assets * (i + 1) / count)));
            }
            return splits;
        };
    }

    record WideCsvSplit(LinkedHashMap<String, String> files, ArrayList<String> groupFields) implements IngestSplit {
        @Override
        public String source() {
            return String.join(", ", files.values());
        }

        @Override
        public List<String> inputFiles() {
            return List.copyOf(files.values());
        }

        @Override
        public Panel read() {
            Map<String, Path> paths = new LinkedHashMap<>();
            files.forEach((field, file) -> paths.put(field, Path.of(file)));
            return new PanelReader(Set.copyOf(groupFields)).readWide(paths);
        }
    }

    record SyntheticSplit(int assets, int days, long seed, boolean ragged, int assetFrom, int assetTo)
            implements IngestSplit {
        @Override
        public String source() {
            return (ragged ? "ragged " : "") + "synthetic market " + assets + "x" + days + ":" + seed + " assets ["
                    + assetFrom + ", " + assetTo + ")";
        }

        @Override
        public Panel read() {
            return ragged
                    ? SyntheticMarket.generateRagged(assets, days, seed, assetFrom, assetTo)
                    : SyntheticMarket.generate(assets, days, seed, assetFrom, assetTo);
        }
    }
}
