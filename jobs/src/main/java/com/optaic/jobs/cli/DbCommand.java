package com.optaic.jobs.cli;

import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.metadata.EmbeddedServer;
import com.optaic.metadata.MetadataStore;
import com.optaic.metadata.MetadataStoreConfig;
import com.optaic.metadata.MigrationStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "db",
        mixinStandardHelpOptions = true,
        description = "The metadata database: migrations, and the embedded server shared by this OPTAIC_HOME.",
        subcommands = {DbCommand.Migrate.class, DbCommand.Status.class, DbCommand.Start.class, DbCommand.Stop.class})
final class DbCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    abstract static class DbAction implements Callable<Integer> {
        @ParentCommand
        DbCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        MetadataStoreConfig config() {
            return MetadataStoreConfig.fromEnvironment(
                    ((OptaicCommand) spec.root().userObject()).environment());
        }

        /** The embedded server's home; refused when OPTAIC_DB_URL names an external server. */
        Path embeddedHome(String action) {
            MetadataStoreConfig config = config();
            if (!config.isEmbedded()) {
                throw new OptaicException(
                        JobsErrorCode.BAD_OPTION,
                        "Cannot " + action + " the embedded PostgreSQL:"
                                + " OPTAIC_DB_URL is set, so this OPTAIC_HOME uses the server at "
                                + config.url().orElseThrow());
            }
            return config.home();
        }

        void print(EmbeddedServer.Status server, String state) {
            if (json) {
                Output.json(
                        spec.commandLine().getOut(),
                        Map.of(
                                "state",
                                state,
                                "pid",
                                server.pid(),
                                "port",
                                server.port(),
                                "data",
                                server.dataDirectory().toString()));
                return;
            }
            spec.commandLine()
                    .getOut()
                    .println("embedded PostgreSQL " + state + ": port " + server.port() + ", pid " + server.pid()
                            + ", data " + server.dataDirectory());
        }

        void print(String url, MigrationStatus status) {
            if (json) {
                Output.json(spec.commandLine().getOut(), status);
                return;
            }
            spec.commandLine().getOut().println("database: " + url);
            spec.commandLine()
                    .getOut()
                    .println("schema version: " + status.currentVersion().orElse("(none)"));
            List<List<String>> rows = new ArrayList<>();
            status.applied()
                    .forEach(m -> rows.add(List.of(
                            m.version(),
                            m.description(),
                            m.state(),
                            m.installedOn().map(Views::time).orElse("-"))));
            status.pending().forEach(m -> rows.add(List.of(m.version(), m.description(), m.state(), "-")));
            Output.table(spec.commandLine().getOut(), List.of("version", "description", "state", "installed"), rows);
        }
    }

    @Command(
            name = "migrate",
            mixinStandardHelpOptions = true,
            description = "Applies pending migrations (metadata schema and the job repository's schema).")
    static final class Migrate extends DbAction {
        @Override
        public Integer call() {
            try (MetadataStore store = MetadataStore.open(config().withMigrateOnStart(false))) {
                MigrationStatus status = store.migrate();
                store.migrateSchema(com.optaic.jobs.run.batch.RunFrame.SCHEMA, "classpath:db/jobs");
                print(store.url(), status);
            }
            return 0;
        }
    }

    @Command(
            name = "start",
            mixinStandardHelpOptions = true,
            description = "Starts the embedded PostgreSQL of"
                    + " OPTAIC_HOME, detached, unless it runs already; every OptAIC process on this home then shares it, and"
                    + " it keeps running until 'db stop' (any command starts it when it is not running).")
    static final class Start extends DbAction {
        @Override
        public Integer call() {
            Path home = embeddedHome("start");
            boolean wasRunning = EmbeddedServer.running(home).isPresent();
            EmbeddedServer.Status server = EmbeddedServer.start(home, config().embeddedPort());
            print(server, wasRunning ? "already running" : "started");
            return 0;
        }
    }

    @Command(
            name = "stop",
            mixinStandardHelpOptions = true,
            description = "Stops the embedded PostgreSQL of"
                    + " OPTAIC_HOME (open sessions of other OptAIC processes are ended) and waits until it is gone.")
    static final class Stop extends DbAction {
        @Override
        public Integer call() {
            Optional<EmbeddedServer.Status> stopped = EmbeddedServer.stop(embeddedHome("stop"));
            if (stopped.isPresent()) {
                print(stopped.get(), "stopped");
            } else if (json) {
                Output.json(spec.commandLine().getOut(), Map.of("state", "not running"));
            } else {
                spec.commandLine().getOut().println("embedded PostgreSQL not running");
            }
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Shows applied and pending migrations.")
    static final class Status extends DbAction {
        @Override
        public Integer call() {
            try (MetadataStore store = MetadataStore.open(config().withMigrateOnStart(false))) {
                print(store.url(), store.status());
            }
            return 0;
        }
    }
}
