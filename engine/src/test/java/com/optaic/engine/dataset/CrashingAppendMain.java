package com.optaic.engine.dataset;

import com.optaic.engine.data.Panel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;

/**
 * The writer that {@link CrashSafetyTest} kills: appends calendar rows [from, to) of the test market to a dataset,
 * ten dates per file, and when the data files are written and it is about to commit, creates the ready file and
 * waits forever for the SIGKILL.
 *
 * <p>Arguments: storage root (a path or a URI), dataset, first row, end row, ready file.
 */
public final class CrashingAppendMain {
    private CrashingAppendMain() {}

    public static void main(String[] args) throws InterruptedException {
        StorageLocation root = StorageLocation.of(args[0]);
        String dataset = args[1];
        int from = Integer.parseInt(args[2]);
        int to = Integer.parseInt(args[3]);
        Path ready = Path.of(args[4]);
        VersionCatalog stalling = new DatasetVersionsTest.DelegatingCatalog(new FileVersionCatalog(root)) {
            @Override
            public void commit(String name, long expectedParent, VersionManifest manifest) {
                try {
                    Files.createFile(ready);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                while (true) {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        // Keep waiting: only the kill ends this process.
                    }
                }
            }
        };
        Panel rows = TestingDatasets.rows(TestingDatasets.market(), from, to);
        new DatasetWriter(root, stalling, FilePartitioning.everyDates(10), Clock.systemUTC())
                .append(dataset, rows, LocalDate.of(2030, 1, 1));
    }
}
