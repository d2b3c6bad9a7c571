package com.optaic.engine.ingest;

import com.optaic.engine.data.Panel;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One unit of an ingestion's input, read by one task: a file, or a range of a generated market's assets. A split
 * is shipped to a Spark executor, so it holds only paths and parameters.
 *
 * <p>Implementations must guarantee that {@link #read} fails with an {@link com.optaic.common.OptaicException}
 * user error naming the file and line for a bad row, and that the same split always reads the same panel.
 */
public interface IngestSplit extends Serializable {
    /** Where the rows come from, for messages: a file path, or a description of generated data. */
    String source();

    /** Every row of the split. */
    Panel read();

    /**
     * The first place, in the source's own order, of a row whose key is among {@code keys}, e.g.
     * {@code prices.csv:17}; empty when the source has no such notion (generated data). Used only to report an
     * error, so it may re-read the source.
     */
    /** The local files this split reads (empty for generated data): what a caller confines to allowed roots. */
    default List<String> inputFiles() {
        return List.of();
    }

    default Optional<Location> locate(Set<CellKey> keys) {
        return Optional.empty();
    }

    /** A (date, asset) key, the date as days since 1970-01-01. */
    record CellKey(int epochDay, String asset) implements Serializable {}

    /** Where a row with {@code key} is: {@code where} reads like {@code prices.csv:17}. */
    record Location(String where, CellKey key) {}
}
