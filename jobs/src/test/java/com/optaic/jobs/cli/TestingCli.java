package com.optaic.jobs.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs the {@code optaic} command line in process, capturing its exit code and output. */
public final class TestingCli {
    public record Result(int exitCode, String out, String err) {}

    private TestingCli() {}

    public static Result optaic(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** With an environment of its own (a test database and storage, see {@code TestingOptaic}). */
    public static Result optaic(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
        return new Result(code, out.toString(), err.toString());
    }
}
