package com.optaic.jobs.cli;

import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
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
            description = "Wide CSV per field (date,<asset1>,<asset2>,...); repeat for more fields, each once.")
    List<String> wideFiles;

    @Option(
            names = "--synthetic",
            paramLabel = "ASSETSxDAYS[:SEED]",
            description = "A seeded synthetic market (OHLCV, vwap, returns, cap, sector labels), e.g. 500x756:42;"
                    + " a longer market extends a shorter one with the same seed.")
    String synthetic;

    /**
     * The {@code --wide} files by field, in the order given, or null without {@code --wide}. A field given twice is
     * refused (picocli's map option would keep the last file silently).
     */
    Map<String, Path> wide() {
        if (wideFiles == null) {
            return null;
        }
        Map<String, Path> files = new LinkedHashMap<>();
        for (String given : wideFiles) {
            int equals = given.indexOf('=');
            if (equals <= 0 || equals == given.length() - 1) {
                throw new OptaicException(
                        JobsErrorCode.BAD_OPTION, "--wide '" + given + "' is not FIELD=PATH (e.g. close=close.csv)");
            }
            String field = given.substring(0, equals);
            Path file = Path.of(given.substring(equals + 1));
            Path earlier = files.putIfAbsent(field, file);
            if (earlier != null) {
                throw new OptaicException(
                        JobsErrorCode.BAD_OPTION,
                        "--wide gives field '" + field + "' twice ('" + earlier + "' and '" + file
                                + "'); give each field once");
            }
        }
        return files;
    }
}
