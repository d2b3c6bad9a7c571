package com.optaic.jobs.cli;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The inputs that {@code eval} and {@code ingest} both take, in their exclusive input groups (a group extends this
 * class with its own kinds of input): wide CSV files and a synthetic market.
 */
class PanelSources {
    @Option(
            names = "--wide",
            paramLabel = "FIELD=PATH",
            description = "Wide CSV per field (date,<asset1>,<asset2>,...); repeat for more fields.")
    Map<String, Path> wide;

    @Option(
            names = "--synthetic",
            paramLabel = "ASSETSxDAYS[:SEED]",
            description = "A seeded synthetic market (OHLCV, vwap, returns, cap, sector labels), e.g. 500x756:42;"
                    + " a longer market extends a shorter one with the same seed.")
    String synthetic;
}
