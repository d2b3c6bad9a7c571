package com.optaic.engine.ingest;

import java.util.List;

/** What an ingestion reads: its splits, one task each. */
public interface IngestSource {
    /**
     * The splits, in the order that decides which of two rows with the same key is the duplicate (the later one).
     *
     * @param parallelism how many tasks the engine runs at once, for sources that choose their own splits
     */
    List<IngestSplit> splits(int parallelism);
}
