package com.optaic.engine.dataset;

import static java.util.Objects.requireNonNull;

import com.optaic.engine.data.Panel;
import com.optaic.engine.io.ArrowBatches;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The result of a dataset read: the panel, the version it came from and the data files that were opened (for a
 * run's lineage, and to show that a date range touches only the files that hold it).
 */
public record DatasetSlice(VersionManifest version, List<DataFile> filesRead, Panel panel, int firstRow) {
    public DatasetSlice {
        requireNonNull(version, "version is null");
        filesRead = List.copyOf(requireNonNull(filesRead, "filesRead is null"));
        requireNonNull(panel, "panel is null");
        if (firstRow < 0) {
            throw new IllegalArgumentException("negative firstRow");
        }
    }

    /** The slice's rows as Arrow vectors (long layout: date, asset, then its fields), batch by batch. */
    public ArrowBatches arrow(BufferAllocator allocator) {
        return ArrowBatches.of(panel, allocator);
    }
}
