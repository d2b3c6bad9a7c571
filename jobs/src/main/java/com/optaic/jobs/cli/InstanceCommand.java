package com.optaic.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.Optaic;
import com.optaic.jobs.experiment.ExperimentRunType;
import com.optaic.jobs.model.ModelConfig;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Instance;
import com.optaic.metadata.NewInstance;
import com.optaic.metadata.PageRequest;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.Run;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "instance",
        mixinStandardHelpOptions = true,
        description = "Instances: a validated config pinning definition versions.",
        subcommands = {
            InstanceCommand.Create.class,
            InstanceCommand.Show.class,
            InstanceCommand.Update.class,
            InstanceCommand.ScheduleInstance.class
        })
final class InstanceCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static ObjectNode parseConfig(String text) {
        if (text == null) {
            return Output.JSON.createObjectNode();
        }
        try {
            JsonNode node = Output.JSON.readTree(text);
            if (!node.isObject()) {
                throw new OptaicException(JobsErrorCode.BAD_RUN_CONFIG, "--config must be a JSON object, got " + text);
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new OptaicException(JobsErrorCode.BAD_RUN_CONFIG, "--config is not valid JSON: " + e.getMessage());
        }
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = {
                "Creates an instance under a project.",
                "  DatasetInstance:    --pipeline synthetic|csv|parquet --config '{\"pipeline\": {...}}'",
                "  ExperimentInstance: --input DATASET --expr NAME=FORMULA ... [--macro 'DEF F(x) = ...']",
                "                      (creates its results dataset NAME-results unless the config names an output)"
            })
    static final class Create extends StoreCommand {
        @Option(names = "--type", required = true, description = "DatasetInstance, ExperimentInstance, ...")
        String type;

        @Option(names = "--parent", required = true, paramLabel = "PROJECT")
        UUID parent;

        @Option(names = "--name", required = true)
        String name;

        @Option(names = "--description", defaultValue = "")
        String description;

        @Option(names = "--config", paramLabel = "JSON")
        String config;

        @Option(
                names = "--pipeline",
                paramLabel = "DEF",
                description = "Pin slot 'pipeline': a built-in name, code_ref or version id.")
        String pipeline;

        @Option(names = "--pin", paramLabel = "SLOT=DEF")
        Map<String, String> pins = new LinkedHashMap<>();

        @Option(names = "--input", paramLabel = "DATASET")
        UUID input;

        @Option(names = "--expr", paramLabel = "NAME=FORMULA")
        List<String> expressions = new ArrayList<>();

        @Option(names = "--macro", paramLabel = "DEF")
        List<String> macros = new ArrayList<>();

        @Override
        int run(Optaic optaic) {
            Actor actor = optaic.actor();
            ResourceType instanceType = ResourceType.parse(type);
            ObjectNode configNode = parseConfig(config);
            Map<String, UUID> pinned = new HashMap<>();
            if (pipeline != null) {
                pins.put("pipeline", pipeline);
            }
            pins.forEach(
                    (slot, reference) -> pinned.put(slot, InstanceSupport.definitionVersion(optaic, actor, reference)));
            Instance instance;
            if (instanceType == ResourceType.ExperimentInstance) {
                if (input != null) {
                    configNode.put("input", input.toString());
                }
                ObjectNode exprs = configNode.has("expressions")
                        ? (ObjectNode) configNode.get("expressions")
                        : configNode.putObject("expressions");
                for (String expression : expressions) {
                    int eq = expression.indexOf('=');
                    if (eq < 1) {
                        throw new OptaicException(
                                JobsErrorCode.BAD_RUN_CONFIG, "--expr needs NAME=FORMULA, got '" + expression + "'");
                    }
                    exprs.put(
                            expression.substring(0, eq).trim(),
                            expression.substring(eq + 1).trim());
                }
                if (!macros.isEmpty()) {
                    macros.forEach(configNode.withArray("macros")::add);
                }
                ExperimentRunType.expressions(configNode);
                ExperimentRunType.datasetId(configNode, "input");
                instance = InstanceSupport.createExperiment(optaic, actor, parent, name, description, configNode);
            } else {
                if (instanceType == ResourceType.ModelInstance) {
                    ModelConfig.parse(configNode); // refuses a bad config before anything is stored
                }
                instance = optaic.store()
                        .instances()
                        .create(actor, new NewInstance(parent, instanceType, name, description, pinned, configNode));
            }
            if (json) {
                Output.json(out(), instance);
            } else {
                out().println(instance.resource().type() + " "
                        + instance.resource().id() + "  '" + instance.resource().name() + "'  version "
                        + instance.currentVersion());
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows an instance, its config and runs.")
    static final class Show extends StoreCommand {
        @Parameters(index = "0", paramLabel = "ID")
        UUID id;

        @Override
        int run(Optaic optaic) {
            Actor actor = optaic.actor();
            Instance instance = optaic.store().instances().get(actor, id);
            List<Run> runs = optaic.store()
                    .runs()
                    .runsOf(actor, id, PageRequest.first(20))
                    .items();
            if (json) {
                Output.json(out(), Map.of("instance", instance, "runs", runs));
                return 0;
            }
            Views.resource(out(), instance.resource());
            out().println("version:     " + instance.currentVersion());
            out().println("config:      " + instance.config());
            instance.pins().forEach((slot, version) -> out().println("pin:         " + slot + " = " + version));
            instance.schedule().ifPresent(s -> out().println("schedule:    " + s.cron() + " " + s.zone()));
            out().println();
            Views.runs(out(), runs);
            return 0;
        }
    }

    @Command(
            name = "update",
            mixinStandardHelpOptions = true,
            description =
                    "Writes the next version with a new config (optimistic: --expected-version, default current).")
    static final class Update extends StoreCommand {
        @Parameters(index = "0", paramLabel = "ID")
        UUID id;

        @Option(names = "--config", required = true, paramLabel = "JSON")
        String config;

        @Option(names = "--expected-version")
        Integer expectedVersion;

        @Override
        int run(Optaic optaic) {
            Actor actor = optaic.actor();
            Instance current = optaic.store().instances().get(actor, id);
            int expected = expectedVersion != null ? expectedVersion : current.currentVersion();
            ObjectNode configNode = parseConfig(config);
            if (current.resource().type() == ResourceType.ModelInstance) {
                ModelConfig.parse(configNode); // a new version must be as valid as the first
            }
            Instance updated = optaic.store().instances().update(actor, id, expected, configNode, Optional.empty());
            if (json) {
                Output.json(out(), updated);
            } else {
                out().println("instance " + id + " is at version " + updated.currentVersion());
            }
            return 0;
        }
    }

    @Command(
            name = "schedule",
            mixinStandardHelpOptions = true,
            description = {
                "Sets when an instance runs by itself (optaic serve): a 5-field cron (or @daily, @weekly...) read in a time",
                "zone, and what to do with nights missed while no scheduler ran (--missed skip|latest|all, written to the",
                "config as a new instance version). --clear removes the schedule."
            })
    static final class ScheduleInstance extends StoreCommand {
        @Parameters(index = "0", paramLabel = "ID")
        UUID id;

        @Option(names = "--cron", paramLabel = "CRON", description = "e.g. '0 2 * * 1-5' (02:00 Monday to Friday).")
        String cron;

        @Option(names = "--tz", defaultValue = "UTC", paramLabel = "ZONE", description = "Default ${DEFAULT-VALUE}.")
        String zone;

        @Option(names = "--missed", paramLabel = "POLICY", description = "skip | latest | all")
        String missed;

        @Option(names = "--clear", description = "Remove the schedule.")
        boolean clear;

        @Override
        int run(Optaic optaic) {
            Actor actor = optaic.actor();
            if (clear == (cron != null)) {
                throw new OptaicException(JobsErrorCode.BAD_RUN_CONFIG, "Give either --cron CRON or --clear");
            }
            Optional<com.optaic.metadata.Schedule> schedule = Optional.empty();
            if (!clear) {
                ZoneId zoneId;
                try {
                    zoneId = ZoneId.of(zone);
                } catch (DateTimeException e) {
                    throw new OptaicException(
                            JobsErrorCode.BAD_RUN_CONFIG,
                            "--tz '" + zone + "' is not a time zone (e.g. UTC, Europe/London, America/New_York)");
                }
                try {
                    com.optaic.jobs.schedule.Scheduler.cron(cron);
                } catch (IllegalArgumentException e) {
                    throw new OptaicException(
                            JobsErrorCode.BAD_RUN_CONFIG, "--cron '" + cron + "' is not a cron: " + e.getMessage());
                }
                schedule = Optional.of(new com.optaic.metadata.Schedule(cron, zoneId));
            }
            Instance instance = optaic.store().instances().get(actor, id);
            if (missed != null) {
                ObjectNode config = instance.config().deepCopy();
                config.put(com.optaic.jobs.schedule.MissedPolicy.CONFIG_KEY, missed);
                com.optaic.jobs.schedule.MissedPolicy.of(config);
                if (!config.equals(instance.config())) {
                    optaic.store().instances().update(actor, id, instance.currentVersion(), config, Optional.empty());
                }
            }
            Instance updated = optaic.store().instances().schedule(actor, id, schedule);
            if (json) {
                Output.json(out(), updated);
            } else {
                out().println(updated.resource().type() + " " + id + " '"
                        + updated.resource().name() + "': "
                        + updated.schedule()
                                .map(s -> "runs at '" + s.cron() + "' in " + s.zone() + ", missed nights: "
                                        + com.optaic.jobs.schedule.MissedPolicy.of(updated.config())
                                                .name()
                                                .toLowerCase(Locale.ROOT))
                                .orElse("no schedule"));
            }
            return 0;
        }
    }
}
