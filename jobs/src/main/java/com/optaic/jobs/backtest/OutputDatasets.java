package com.optaic.jobs.backtest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.backtest.BacktestConfig.Output;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Instance;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.MetadataStore;
import com.optaic.metadata.NewInstance;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceType;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The datasets a BacktestRun writes: those its config names in {@code outputs}, else its own, one per output of
 * its kind, named {@code <instance>-<output>} ({@code reversal-series}, {@code grid-sweep-metrics}) under the
 * instance's project. They are created by the first run and found again by name by every later one, so a user
 * creates only the BacktestInstance. Two runs creating the same dataset at once both end up with the one that
 * was committed.
 */
final class OutputDatasets {
    private OutputDatasets() {}

    static Map<Output, UUID> resolve(MetadataStore store, Actor actor, UUID instanceId, BacktestConfig config) {
        if (!config.outputs().isEmpty()) {
            return config.outputs();
        }
        Instance instance = store.instances().get(actor, instanceId);
        UUID project = instance.resource()
                .parentId()
                .orElseThrow(() -> new IllegalStateException("BacktestInstance " + instanceId + " has no parent"));
        Map<Output, UUID> datasets = new EnumMap<>(Output.class);
        for (Output output : Output.of(config.isSweep())) {
            String name = name(instance.resource().name(), output);
            datasets.put(
                    output,
                    find(store, actor, project, name)
                            .orElseGet(() -> create(
                                    store,
                                    actor,
                                    project,
                                    name,
                                    instance.resource().name(),
                                    output)));
        }
        return datasets;
    }

    static String name(String instance, Output output) {
        return instance + "-" + output.label().replace('_', '-');
    }

    private static Optional<UUID> find(MetadataStore store, Actor actor, UUID project, String name) {
        Optional<Resource> found = store.resources().findChild(actor, project, name);
        if (found.isPresent() && found.get().type() != ResourceType.DatasetInstance) {
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG,
                    "BacktestInstance config 'outputs' is not given, "
                            + "and the dataset it would write, '" + name + "', is taken by a "
                            + found.get().type()
                            + " in the same project; name the output datasets in 'outputs' or rename that resource");
        }
        return found.map(Resource::id);
    }

    private static UUID create(
            MetadataStore store, Actor actor, UUID project, String name, String instance, Output output) {
        try {
            return store.instances()
                    .create(
                            actor,
                            new NewInstance(
                                    project,
                                    ResourceType.DatasetInstance,
                                    name,
                                    "Output '" + output.label() + "' of BacktestInstance '" + instance + "'",
                                    Map.of(),
                                    JsonNodeFactory.instance.objectNode()))
                    .resource()
                    .id();
        } catch (OptaicException e) {
            if (!e.code().equals(MetadataErrorCode.ALREADY_EXISTS)) {
                throw e;
            }
            // Another run of the instance created it first.
            return find(store, actor, project, name).orElseThrow(() -> e);
        }
    }
}
