package com.optaic.jobs.cli;

import picocli.CommandLine.Command;

@Command(
        name = "optaic",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "OptAIC: a batch compute engine for quantitative research.",
        subcommands = {EvalCommand.class, IngestCommand.class, CompactCommand.class, OpsCommand.class, BenchCommand.class, QuickstartCommand.class, DbCommand.class,
                BootstrapCommand.class, SpaceCommand.class, ProjectCommand.class, ResourceCommand.class,
                DefCommand.class, InstanceCommand.class, RunCommand.class, DatasetCommand.class, SignalCommand.class,
                ActivityCommand.class, LineageCommand.class,
                com.optaic.jobs.schedule.ServeCommand.class, com.optaic.jobs.schedule.BackfillCommand.class,
                OptimizeCommand.class})
public final class OptaicCommand implements Runnable {
    private final java.util.Map<String, String> environment;

    public OptaicCommand() {
        this(System.getenv());
    }

    /** A command line reading its configuration (OPTAIC_*) from {@code environment} instead of the process's. */
    public OptaicCommand(java.util.Map<String, String> environment) {
        this.environment = java.util.Map.copyOf(environment);
    }

    public java.util.Map<String, String> environment() {
        return environment;
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
