package com.optaic.metadata;

import com.optaic.common.OptaicException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every kind of node in the resource tree, with its tier and the parents it may live under. The enum
 * constant names are the names stored in the database and shown to users.
 */
public enum ResourceType {
    TenantRoot(Tier.CONTAINER),
    Space(Tier.CONTAINER),
    Subspace(Tier.CONTAINER),
    Project(Tier.CONTAINER),

    PipelineDef(Tier.DEFINITION),
    StoreDef(Tier.DEFINITION),
    AccessorDef(Tier.DEFINITION),
    OpDef(Tier.DEFINITION),
    OpMacroDef(Tier.DEFINITION),
    MLModuleDef(Tier.DEFINITION),
    PortfolioOptimizerDef(Tier.DEFINITION),

    DatasetInstance(Tier.INSTANCE),
    SignalInstance(Tier.INSTANCE),
    ExperimentInstance(Tier.INSTANCE),
    ModelInstance(Tier.INSTANCE),
    PortfolioOptimizerInstance(Tier.INSTANCE),
    BacktestInstance(Tier.INSTANCE),

    PipelineRun(Tier.RUN),
    ExperimentRun(Tier.RUN),
    BacktestRun(Tier.RUN),
    PortfolioOptimizationRun(Tier.RUN),
    TrainingRun(Tier.RUN),
    InferenceRun(Tier.RUN),
    MonitoringRun(Tier.RUN);

    /** The three tiers plus the containers that organise them. */
    public enum Tier {
        CONTAINER,
        DEFINITION,
        INSTANCE,
        RUN
    }

    private final Tier tier;

    ResourceType(Tier tier) {
        this.tier = tier;
    }

    public Tier tier() {
        return tier;
    }

    /** Types a node of this type may be created under; empty for {@link #TenantRoot}. */
    public Set<ResourceType> allowedParents() {
        return switch (this) {
            case TenantRoot -> EnumSet.noneOf(ResourceType.class);
            case Space -> EnumSet.of(TenantRoot);
            case Subspace -> EnumSet.of(Space);
            case Project -> EnumSet.of(Subspace, Project);
            case PipelineRun -> EnumSet.of(DatasetInstance, SignalInstance);
            case ExperimentRun -> EnumSet.of(ExperimentInstance);
            case BacktestRun -> EnumSet.of(BacktestInstance, SignalInstance);
            case PortfolioOptimizationRun -> EnumSet.of(PortfolioOptimizerInstance);
            case TrainingRun, InferenceRun -> EnumSet.of(ModelInstance);
            case MonitoringRun -> EnumSet.of(ModelInstance, DatasetInstance, SignalInstance);
            case SignalInstance -> EnumSet.of(Project, Subspace);
            default -> EnumSet.of(Project);
        };
    }

    public static ResourceType parse(String name) {
        for (ResourceType type : values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        throw new OptaicException(
                MetadataErrorCode.INVALID_INPUT,
                "Unknown resource type '" + name + "'; known types: "
                        + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
