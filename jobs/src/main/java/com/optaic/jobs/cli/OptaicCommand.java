package com.optaic.jobs.cli;

import picocli.CommandLine.Command;

@Command(
        name = "optaic",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "OptAIC: a batch compute engine for quantitative research.",
        subcommands = {EvalCommand.class, OpsCommand.class, BenchCommand.class})
public final class OptaicCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
