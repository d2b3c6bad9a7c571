package com.optaic.jobs.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.jobs.Builtins;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.Optaic;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Instance;
import com.optaic.metadata.NewInstance;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceType;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Instance creation shared by {@code instance create} and {@code quickstart}. */
final class InstanceSupport {
    private InstanceSupport() {}

    /**
     * A definition version id from an id, a code_ref ({@code portfolio.mvo}) or a built-in's name ({@code mvo},
     * {@code csv}): the latest deployed version.
     */
    static UUID definitionVersion(Optaic optaic, Actor actor, String reference) {
        try {
            return UUID.fromString(reference);
        } catch (IllegalArgumentException notAnId) {
            var deployed = optaic.store().definitions().latestDeployed(actor, reference);
            if (deployed.isPresent()) {
                return deployed.get().id();
            }
            List<String> named = Builtins.definitions().stream()
                    .filter(d -> d.name().equals(reference))
                    .map(d -> d.content().codeRef())
                    .distinct()
                    .toList();
            if (named.size() > 1) {
                throw new OptaicException(
                        JobsErrorCode.UNKNOWN_CODE_REF,
                        "'" + reference + "' names several built-ins (" + String.join(", ", named)
                                + "); give the code_ref");
            }
            if (named.size() == 1) {
                var builtin = optaic.store().definitions().latestDeployed(actor, named.get(0));
                if (builtin.isPresent()) {
                    return builtin.get().id();
                }
            }
            throw new OptaicException(
                    JobsErrorCode.UNKNOWN_CODE_REF,
                    "No deployed definition with code_ref or built-in name '" + reference
                            + "' (see `optaic def list`)");
        }
    }

    /**
     * Creates an ExperimentInstance; without an {@code output} member in its config, first creates its results
     * dataset, a DatasetInstance named {@code <name>-results} beside it. Both commit in one transaction: a refused
     * experiment (its name taken, say) leaves no results dataset behind.
     */
    static Instance createExperiment(
            Optaic optaic, Actor actor, UUID parent, String name, String description, ObjectNode config) {
        return optaic.store()
                .inTransaction(() -> createExperimentInTransaction(optaic, actor, parent, name, description, config));
    }

    private static Instance createExperimentInTransaction(
            Optaic optaic, Actor actor, UUID parent, String name, String description, ObjectNode config) {
        if (!config.hasNonNull("output")) {
            Instance output = optaic.store()
                    .instances()
                    .create(
                            actor,
                            new NewInstance(
                                    parent,
                                    ResourceType.DatasetInstance,
                                    name + "-results",
                                    "Results of experiment '" + name + "'",
                                    Map.of(),
                                    Output.JSON.createObjectNode()));
            config.put("output", output.resource().id().toString());
        }
        return optaic.store()
                .instances()
                .create(
                        actor,
                        new NewInstance(parent, ResourceType.ExperimentInstance, name, description, Map.of(), config));
    }

    static Instance show(Optaic optaic, Actor actor, Resource resource) {
        return optaic.store().instances().get(actor, resource.id());
    }
}
