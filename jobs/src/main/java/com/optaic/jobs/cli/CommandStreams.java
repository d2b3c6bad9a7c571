package com.optaic.jobs.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The process's standard output, kept for the command's own output. Libraries that print notices on
 * {@code System.out} (ojAlgo describes the machine's hardware profile the first time it is used) would break a
 * {@code --json} answer or a table piped to another program, so {@code System.out} is pointed at standard error
 * for the rest of the process.
 */
public final class CommandStreams {
    private CommandStreams() {}

    /** The real standard output, for the command; from now on {@code System.out} writes to standard error. */
    public static PrintWriter reserveStdout() {
        PrintStream stdout = System.out;
        System.setOut(System.err);
        return new PrintWriter(stdout, true, StandardCharsets.UTF_8);
    }

    public static PrintWriter stderr() {
        return new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    }
}
