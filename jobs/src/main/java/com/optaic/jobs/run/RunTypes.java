package com.optaic.jobs.run;

import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.metadata.ResourceType;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The run types the frame knows, by run resource type: one registration per {@link RunType} (see Optaic.frame).
 * Registering a run resource type twice fails; asking for one nobody registered fails with the list of known ones.
 */
public final class RunTypes {
    private final Map<ResourceType, RunType<?>> types = new EnumMap<>(ResourceType.class);

    public RunTypes(List<RunType<?>> runTypes) {
        for (RunType<?> type : runTypes) {
            if (type.runType().tier() != ResourceType.Tier.RUN) {
                throw new IllegalArgumentException(type.runType() + " is not a run type");
            }
            if (types.putIfAbsent(type.runType(), type) != null) {
                throw new IllegalArgumentException("Run type " + type.runType() + " is registered twice");
            }
        }
    }

    public RunType<?> get(ResourceType runType) {
        RunType<?> type = types.get(runType);
        if (type == null) {
            throw new OptaicException(
                    JobsErrorCode.UNKNOWN_CODE_REF,
                    "No run type handles " + runType + "; known: "
                            + types.keySet().stream().map(Enum::name).collect(Collectors.joining(", ")));
        }
        return type;
    }

    /**
     * The default run type for runs of this instance type: the one run type serving it that says it is a default.
     * Run types that are started only by name (a ModelInstance's InferenceRun, any instance's MonitoringRun) are
     * never chosen here; several defaults are refused rather than resolved to one of them by chance.
     */
    public RunType<?> forInstance(ResourceType instanceType) {
        List<RunType<?>> serving =
                types.values().stream().filter(t -> t.serves(instanceType)).toList();
        List<RunType<?>> matching =
                serving.stream().filter(RunType::defaultForInstance).toList();
        if (matching.isEmpty() && !serving.isEmpty()) {
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG,
                    "Instances of type " + instanceType + " have no default run type; name one with --type: "
                            + serving.stream().map(t -> t.runType().name()).collect(Collectors.joining(", ")));
        }
        if (matching.isEmpty()) {
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG,
                    "Instances of type " + instanceType
                            + " have no run type yet; runnable: "
                            + types.values().stream()
                                    .map(t -> t.instanceType().name())
                                    .collect(Collectors.joining(", ")));
        }
        if (matching.size() > 1) {
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG,
                    "Instances of type " + instanceType
                            + " have several run types ("
                            + matching.stream().map(t -> t.runType().name()).collect(Collectors.joining(", "))
                            + "); name the run type to start");
        }
        return matching.get(0);
    }

    /**
     * The run type named for an instance of this type ({@code run start --type}): refused with the run types that
     * serve the instance when the name is not one of them.
     */
    public RunType<?> forInstance(ResourceType instanceType, ResourceType runType) {
        RunType<?> type = types.get(runType);
        if (type == null || !type.serves(instanceType)) {
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG,
                    "A " + instanceType + " has no run type " + runType + "; its run types: "
                            + types.values().stream()
                                    .filter(t -> t.serves(instanceType))
                                    .map(t -> t.runType().name())
                                    .collect(Collectors.joining(", ")));
        }
        return type;
    }

    public Collection<RunType<?>> all() {
        return List.copyOf(types.values());
    }
}
