package com.optaic.engine.dataset;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The data files this process (a CLI command, a run, a Spark executor) has already hashed and found equal to
 * their manifest entry, so that each file's SHA-256 is computed once per process rather than on every read.
 *
 * <p>An entry is keyed by the file's location, size and modification time: a file rewritten in place (even with
 * the same size) gets a new modification time on every file system OptAIC supports and is hashed again. A change
 * that keeps both size and modification time (a deliberate {@code touch -d}) is not seen until the next process.
 */
public final class VerifiedFiles {
    /** Bounds the memory a long-lived process (serve, an executor) spends on the cache: ~100 bytes an entry. */
    private static final int MAX_ENTRIES = 200_000;

    private static final Map<Key, String> VERIFIED = new ConcurrentHashMap<>();

    private VerifiedFiles() {}

    private record Key(String location, long size, Instant modified) {}

    /**
     * The file's SHA-256: {@code expected} without reading the file when this process already hashed it at this
     * size and modification time and found {@code expected}; otherwise computed now, and remembered only when it
     * matches, so that a corrupt file is hashed (and reported) on every read. The modification time is taken
     * before hashing, so a file changed while it is hashed is hashed again next time.
     */
    static String sha256(StorageLocation file, long size, String expected) throws IOException {
        Key key = new Key(file.toString(), size, file.lastModified());
        if (expected.equals(VERIFIED.get(key))) {
            return expected;
        }
        String actual = file.sha256();
        if (actual.equals(expected)) {
            if (VERIFIED.size() >= MAX_ENTRIES) {
                VERIFIED.clear();
            }
            VERIFIED.put(key, actual);
        }
        return actual;
    }

    /** Forgets every file verified so far, so the next read of each hashes it again (benchmarks, tests). */
    public static void forgetAll() {
        VERIFIED.clear();
    }
}
