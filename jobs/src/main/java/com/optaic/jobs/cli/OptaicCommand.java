package com.optaic.jobs.cli;

import com.optaic.jobs.schedule.BackfillCommand;
import com.optaic.jobs.schedule.ServeCommand;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "optaic",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "OptAIC: a batch compute engine for quantitative research.",
        subcommands = {
            EvalCommand.class,
            IngestCommand.class,
            CompactCommand.class,
            GcCommand.class,
            OpsCommand.class,
            QuickstartCommand.class,
            DbCommand.class,
            BootstrapCommand.class,
            SpaceCommand.class,
            ProjectCommand.class,
            ResourceCommand.class,
            DefCommand.class,
            InstanceCommand.class,
            RunCommand.class,
            DatasetCommand.class,
            SignalCommand.class,
            ActivityCommand.class,
            LineageCommand.class,
            ServeCommand.class,
            BackfillCommand.class,
            OptimizeCommand.class,
            UserCommand.class,
            TeamCommand.class,
            GrantCommand.class,
            RevokeCommand.class,
            AccessCommand.class,
            TokenCommand.class,
            BacktestCommand.class,
            ReportCommand.class,
            DriftCommand.class,
            AlertsCommand.class
        })
public final class OptaicCommand implements Runnable {
    private final Map<String, String> environment;

    public OptaicCommand() {
        this(System.getenv());
    }

    /** A command line reading its configuration (OPTAIC_*) from {@code environment} instead of the process's. */
    public OptaicCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public Map<String, String> environment() {
        return environment;
    }

    /** The environment of the command line that {@code spec} belongs to. */
    static Map<String, String> environment(CommandSpec spec) {
        return ((OptaicCommand) spec.root().userObject()).environment();
    }

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
