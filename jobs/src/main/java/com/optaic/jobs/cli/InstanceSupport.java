package com.optaic.jobs.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.Optaic;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Instance;
import com.optaic.metadata.NewInstance;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceType;
import java.util.Map;
import java.util.UUID;

/** Instance creation shared by {@code instance create} and {@code quickstart}. */
final class InstanceSupport {
    private InstanceSupport() {}

    /** A definition version id from an id, a code_ref ({@code pipeline.csv}) or a built-in pipeline name ({@code csv}). */
    static UUID definitionVersion(Optaic optaic, Actor actor, String reference) {
        try {
            return UUID.fromString(reference);
        } catch (IllegalArgumentException notAnId) {
            for (String codeRef : new String[] {reference, "pipeline." + reference}) {
                var deployed = optaic.store().definitions().latestDeployed(actor, codeRef);
                if (deployed.isPresent()) {
                    return deployed.get().id();
                }
            }
            throw new OptaicException(
                    JobsErrorCode.UNKNOWN_CODE_REF,
                    "No deployed definition with code_ref '" + reference + "' (see `optaic def list`)");
        }
    }

    /**
     * Creates an ExperimentInstance; without an {@code output} member in its config, first creates its results
     * dataset, a DatasetInstance named {@code <name>-results} beside it.
     */
    static Instance createExperiment(
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
