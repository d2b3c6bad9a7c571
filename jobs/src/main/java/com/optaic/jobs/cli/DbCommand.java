package com.optaic.jobs.cli;

import com.optaic.metadata.MetadataStore;
import com.optaic.metadata.MetadataStoreConfig;
import com.optaic.metadata.MigrationStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "db", mixinStandardHelpOptions = true, description = "The metadata database: migrations.",
        subcommands = {DbCommand.Migrate.class, DbCommand.Status.class})
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
            return MetadataStoreConfig.fromEnvironment(((OptaicCommand) spec.root().userObject()).environment());
        }

        void print(String url, MigrationStatus status) {
            if (json) {
                Output.json(spec.commandLine().getOut(), status);
                return;
            }
            spec.commandLine().getOut().println("database: " + url);
            spec.commandLine().getOut().println("schema version: " + status.currentVersion().orElse("(none)"));
            List<List<String>> rows = new ArrayList<>();
            status.applied().forEach(m -> rows.add(List.of(m.version(), m.description(), m.state(),
                    m.installedOn().map(Views::time).orElse("-"))));
            status.pending().forEach(m -> rows.add(List.of(m.version(), m.description(), m.state(), "-")));
            Output.table(spec.commandLine().getOut(), List.of("version", "description", "state", "installed"), rows);
        }
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
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
