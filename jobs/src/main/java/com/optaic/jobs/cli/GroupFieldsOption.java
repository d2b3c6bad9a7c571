package com.optaic.jobs.cli;

import com.optaic.engine.io.PanelReader;
import java.util.Set;
import picocli.CommandLine.Option;

/** {@code --group-fields}: the CSV columns read as labels (sectors, industries) rather than numbers. */
final class GroupFieldsOption {
    @Option(
            names = "--group-fields",
            paramLabel = "NAMES",
            split = ",",
            description = "CSV columns holding labels rather than numbers (default: sector,industry,subindustry).")
    Set<String> groupFields;

    Set<String> labels() {
        return groupFields == null ? PanelReader.DEFAULT_GROUP_FIELDS : groupFields;
    }

    PanelReader reader() {
        return new PanelReader(labels());
    }
}
