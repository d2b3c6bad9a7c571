package com.optaic.engine.dataset;

import static java.util.Objects.requireNonNull;

import com.optaic.engine.data.Panel;
import java.util.List;

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
}
