package com.optaic.engine.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.engine.data.Panel;
import com.optaic.engine.data.Panel.GroupColumn;
import com.optaic.engine.synthetic.SyntheticMarket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Panels and assertions shared by the dataset tests. */
final class TestingDatasets {
    /** The synthetic market the tests write: 30 assets over 800 business days from 2010-01-04 (4 calendar years). */
    static final int ASSETS = 30;

    static final int DAYS = 800;

    private TestingDatasets() {}

    static Panel market() {
        return SyntheticMarket.generate(ASSETS, DAYS, 7);
    }

    /** Calendar rows [from, to) of a panel, all assets kept. */
    static Panel rows(Panel panel, int from, int to) {
        return Panels.sliceRows(panel, from, to, false);
    }

    static LocalDate day(String text) {
        return LocalDate.parse(text);
    }

    static int epochDay(String text) {
        return (int) LocalDate.parse(text).toEpochDay();
    }

    /**
     * A ragged panel: 4 assets over 6 dates spanning 3 years, with absent cells, an asset with no row in 2021, NaN,
     * -0.0, infinities, and a group field with a missing label.
     */
    static Panel ragged() {
        int[] days = {
            epochDay("2019-12-30"),
            epochDay("2019-12-31"),
            epochDay("2020-01-02"),
            epochDay("2020-06-30"),
            epochDay("2021-01-04"),
            epochDay("2021-01-05")
        };
        String[] assets = {"AAA", "BBB", "CCC", "DDD"};
        boolean[] present = {
            true, true, true, true, true, true,
            true, false, true, true, false, false,
            false, false, false, false, true, true,
            true, true, true, true, true, false
        };
        double n = Double.NaN;
        Map<String, double[]> numeric = new LinkedHashMap<>();
        numeric.put("close", new double[] {
            1.5,
            0.1 + 0.2,
            -0.0,
            1e300,
            Double.MIN_VALUE,
            7,
            2,
            n,
            n,
            Double.POSITIVE_INFINITY,
            n,
            n,
            n,
            n,
            n,
            n,
            -3,
            Double.NEGATIVE_INFINITY,
            1.0 / 3,
            4,
            5,
            6,
            123456789.123456789,
            n
        });
        Map<String, GroupColumn> groups = new LinkedHashMap<>();
        groups.put("sector", new GroupColumn(new String[] {"Tech", "Energy"}, new double[] {
            0, 0, 0, 0, 0, 0, 1, n, n, 1, n, n, n, n, n, n, 0, 0, 1, 1, n, 1, 1, n
        }));
        return new Panel(days, assets, present, numeric, groups);
    }

    /** Same calendar, assets, presence, bit-identical numbers and the same label in every cell. */
    static void assertSamePanel(Panel actual, Panel expected) {
        assertThat(actual.epochDays()).as("calendar").containsExactly(expected.epochDays());
        assertThat(actual.assets()).as("assets").containsExactly(expected.assets());
        assertThat(actual.presence()).as("presence").containsExactly(expected.presence());
        assertThat(actual.numericFields().keySet())
                .as("numeric fields")
                .containsExactlyElementsOf(expected.numericFields().keySet());
        assertThat(actual.groupFields().keySet())
                .as("group fields")
                .containsExactlyElementsOf(expected.groupFields().keySet());
        boolean[] present = expected.presence();
        expected.numericFields().forEach((name, values) -> {
            double[] got = actual.numericFields().get(name);
            for (int cell = 0; cell < values.length; cell++) {
                boolean same = Double.doubleToRawLongBits(got[cell]) == Double.doubleToRawLongBits(values[cell]);
                if (present[cell] && !same) {
                    throw new AssertionError("field '" + name + "' cell " + cell + ": expected " + values[cell]
                            + " but was " + got[cell]);
                }
            }
        });
        expected.groupFields().forEach((name, column) -> {
            GroupColumn got = actual.groupFields().get(name);
            for (int cell = 0; cell < column.codes().length; cell++) {
                if (present[cell]) {
                    assertThat(label(got, cell))
                            .as("field '%s' cell %d", name, cell)
                            .isEqualTo(label(column, cell));
                }
            }
        });
    }

    static String label(GroupColumn column, int cell) {
        double code = column.codes()[cell];
        return Double.isNaN(code) ? null : column.labels()[(int) code];
    }

    /**
     * SHA-256 of every file under a directory on any storage, by path relative to it (Hadoop's local file system
     * does not list the checksum files it keeps beside its files), computed here from the bytes read back.
     */
    static Map<String, String> checksums(StorageLocation directory) {
        Map<String, String> sums = new TreeMap<>();
        try {
            collect(directory, "", (path, file) -> sums.put(path, sha256(file.readAllBytes())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sums;
    }

    /** The data files under a dataset's data directory, relative to the dataset's directory, sorted. */
    static List<String> dataFilesOnDisk(StorageLocation datasetDirectory) {
        List<String> files = new ArrayList<>();
        try {
            collect(
                    datasetDirectory.resolve(DatasetWriter.DATA_DIRECTORY),
                    DatasetWriter.DATA_DIRECTORY + "/",
                    (path, file) -> files.add(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(null);
        return files;
    }

    private interface FileVisitor {
        void visit(String relativePath, StorageLocation file) throws IOException;
    }

    private static void collect(StorageLocation directory, String prefix, FileVisitor visitor) throws IOException {
        for (StorageLocation entry : directory.list()) {
            if (entry.isDirectory()) {
                collect(entry, prefix + entry.name() + "/", visitor);
            } else {
                visitor.visit(prefix + entry.name(), entry);
            }
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a file or directory exists on any storage. */
    static boolean exists(StorageLocation location) {
        try {
            location.size();
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int[] epochDays(String... dates) {
        return Arrays.stream(dates).mapToInt(TestingDatasets::epochDay).toArray();
    }
}
