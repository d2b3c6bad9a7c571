package com.optaic.jobs.cli;

import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.Optaic;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command that works on the metadata store: opens it (embedded PostgreSQL under {@code OPTAIC_HOME} unless
 * {@code OPTAIC_DB_URL}), acts as {@code OPTAIC_TOKEN}'s principal or the bootstrap administrator, and prints a
 * table, or JSON with {@code --json}.
 */
abstract class StoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    Map<String, String> environment() {
        return ((OptaicCommand) spec.root().userObject()).environment();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    @Override
    public Integer call() {
        Optaic opened;
        try {
            opened = Optaic.open(environment()).notices(err()::println);
        } catch (OptaicException e) {
            if (e.code() == JobsErrorCode.BLANK_TOKEN) {
                Denials.blankToken(environment(), spec, e);
            }
            throw e;
        }
        try (Optaic optaic = opened) {
            try {
                return run(optaic);
            } catch (OptaicException e) {
                Denials.record(optaic, spec, environment(), e);
                throw e;
            }
        }
    }

    abstract int run(Optaic optaic);
}
