package com.optaic.engine.ingest;

import com.optaic.engine.data.Panel;
import com.optaic.engine.io.PanelReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One long-layout file ({@code date, asset, fields...}; CSV or Parquet), read whole by {@link PanelReader}, whose
 * errors already name the file and line (CSV) or row (Parquet).
 */
record FileSplit(String path, ArrayList<String> groupFields) implements IngestSplit {
    FileSplit(Path path, Set<String> groupFields) {
        this(path.toString(), new ArrayList<>(groupFields));
    }

    @Override
    public String source() {
        return path;
    }

    @Override
    public List<String> inputFiles() {
        return List.of(path);
    }

    @Override
    public Panel read() {
        return new PanelReader(Set.copyOf(groupFields)).read(Path.of(path));
    }

    /** The first CSV line with one of the keys; nothing for Parquet, whose rows have no line. */
    @Override
    public Optional<Location> locate(Set<CellKey> keys) {
        if (!path.endsWith(".csv")) {
            return Optional.empty();
        }
        try (BufferedReader in = Files.newBufferedReader(Path.of(path), StandardCharsets.UTF_8)) {
            String line = in.readLine();
            if (line == null) {
                return Optional.empty();
            }
            List<String> header = cells(line.startsWith("\uFEFF") ? line.substring(1) : line);
            int dateColumn = header.indexOf("date");
            int assetColumn = header.indexOf("asset");
            int number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                List<String> cells = cells(line);
                if (dateColumn < 0 || assetColumn < 0 || cells.size() <= Math.max(dateColumn, assetColumn)) {
                    continue;
                }
                try {
                    CellKey key = new CellKey(
                            Math.toIntExact(
                                    LocalDate.parse(cells.get(dateColumn)).toEpochDay()),
                            cells.get(assetColumn));
                    if (keys.contains(key)) {
                        return Optional.of(new Location(path + ":" + number, key));
                    }
                } catch (DateTimeParseException e) {
                    // Not a row the reader accepted; cannot be the one sought.
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CSV line's cells, unquoted (a quoted cell may hold commas and doubled quotes). */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (c != '\r') {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
