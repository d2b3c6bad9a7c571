package com.optaic.engine.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Ingestion tasks on this JVM's common fork-join pool. */
final class LocalIngestEngine extends IngestEngine {
    @Override
    public String name() {
        return "local";
    }

    @Override
    public int parallelism() {
        return Runtime.getRuntime().availableProcessors();
    }

    @Override
    ReadStage read(List<IngestSplit> splits, int afterDay, int throughDay, EarlierRows.Published published) {
        List<SplitResult> results = IntStream.range(0, splits.size())
                .parallel()
                .mapToObj(i -> SplitResult.read(i, splits.get(i), afterDay, throughDay, published))
                .toList();
        return new ReadStage() {
            @Override
            public List<SplitResult> summaries() {
                return results.stream().map(SplitResult::summary).toList();
            }

            @Override
            public List<RangeWriter.Result> write(int[] rangeFirstDays, RangeWriter writer) {
                List<List<Fragment>> byRange = new ArrayList<>();
                for (int r = 0; r < rangeFirstDays.length; r++) {
                    byRange.add(new ArrayList<>());
                }
                for (SplitResult result : results) {
                    if (result.rows != null) {
                        for (Map.Entry<Integer, Fragment> part : result.rows.byRange(rangeFirstDays)) {
                            byRange.get(part.getKey()).add(part.getValue());
                        }
                    }
                }
                return IntStream.range(0, byRange.size())
                        .parallel()
                        .filter(r -> !byRange.get(r).isEmpty())
                        .mapToObj(r -> writer.write(r, byRange.get(r)))
                        .toList();
            }

            @Override
            public void close() {}
        };
    }
}
