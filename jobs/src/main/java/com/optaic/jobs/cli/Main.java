package com.optaic.jobs.cli;

import com.optaic.common.ErrorCategory;
import com.optaic.common.OptaicException;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * Entry point of the {@code optaic} command. User errors print one line (plus a caret line for
 * expressions) and exit with their category's code: 2 user error, 3 not found, 4 conflict, 5 out of memory or
 * another resource, 1 internal.
 * Set {@code OPTAIC_DEBUG=1} to see stack traces.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, CommandStreams.reserveStdout(), CommandStreams.stderr()));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, System.getenv());
    }

    /**
     * Reports running out of memory as what it is, with the exit code of {@link ErrorCategory#INSUFFICIENT_RESOURCES}:
     * by the time the error reaches here its allocations are unreachable, so the message can be printed.
     */
    static int outOfMemory(OutOfMemoryError e, PrintWriter err) {
        err.println("error: out of memory (" + e.getMessage() + ") with a "
                + Runtime.getRuntime().maxMemory() / 1_000_000
                + " MB maximum heap; process less data at once (fewer assets or dates, smaller --block-dates) or give"
                + " the JVM more memory (JAVA_OPTS=-Xmx8g for bin/optaic)");
        return ErrorCategory.INSUFFICIENT_RESOURCES.exitCode();
    }

    /** Runs with {@code environment} standing for the process environment (OPTAIC_* settings). */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        return execute(new CommandLine(new OptaicCommand(environment)), args, out, err);
    }

    /**
     * Executes {@code commandLine} the way {@code optaic} does: user errors as one line and their category's exit
     * code, other failures as exit code 1; for other entry points (the benchmarks) with the same conventions.
     */
    public static int execute(CommandLine commandLine, String[] args, PrintWriter out, PrintWriter err) {
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            boolean debug = System.getenv("OPTAIC_DEBUG") != null;
            if (exception instanceof OptaicException optaic) {
                err.println("error: " + optaic.getMessage());
                if (debug) {
                    optaic.printStackTrace(err);
                }
                return optaic.category().exitCode();
            }
            err.println("internal error: " + exception);
            if (debug) {
                exception.printStackTrace(err);
            } else {
                err.println("(run with OPTAIC_DEBUG=1 for the stack trace)");
            }
            return 1;
        });
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            err.println("error: " + exception.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(exception, err);
            err.println("(see " + exception.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            return 2;
        });
        int code;
        try {
            code = commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            code = outOfMemory(e, err);
        }
        out.flush();
        err.flush();
        return code;
    }
}
