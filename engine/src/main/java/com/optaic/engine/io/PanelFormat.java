package com.optaic.engine.io;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The file formats a panel is read from and written to, chosen by the file name's extension. */
enum PanelFormat {
    CSV(".csv"),
    PARQUET(".parquet"),
    ARROW(".arrow");

    private final String extension;

    PanelFormat(String extension) {
        this.extension = extension;
    }

    static Optional<PanelFormat> of(Path path) {
        Path fileName = path.getFileName();
        String name = fileName == null ? "" : fileName.toString().toLowerCase(Locale.ROOT);
        for (PanelFormat format : values()) {
            if (name.endsWith(format.extension)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
