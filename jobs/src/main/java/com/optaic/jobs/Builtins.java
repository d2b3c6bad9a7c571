package com.optaic.jobs;

import com.optaic.jobs.model.MLModules;
import com.optaic.jobs.pipeline.PipelineSources;
import com.optaic.jobs.portfolio.PortfolioOptimizers;
import com.optaic.jobs.run.Builtin;
import com.optaic.metadata.BuiltinDefinition;
import com.optaic.metadata.ResourceType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plugins this build registers, kept as deployed Definitions in the system project by the bootstrap. Each is a
 * {@link Builtin} declared beside its factory ({@link PipelineSources#all}, {@link PortfolioOptimizers#all}, {@link MLModules#all}).
 */
public final class Builtins {
    private Builtins() {}

    public static List<BuiltinDefinition> definitions() {
        List<Builtin<?>> all = new ArrayList<>(PipelineSources.all());
        all.addAll(PortfolioOptimizers.all());
        all.addAll(MLModules.all());
        return definitions(all);
    }

    /** The definitions of {@code builtins}; a name given twice for one definition type fails. */
    static List<BuiltinDefinition> definitions(List<Builtin<?>> builtins) {
        Set<Map.Entry<ResourceType, String>> names = new HashSet<>();
        List<BuiltinDefinition> definitions = new ArrayList<>();
        for (Builtin<?> builtin : builtins) {
            BuiltinDefinition definition = builtin.definition();
            if (!names.add(Map.entry(definition.type(), definition.name()))) {
                throw new IllegalStateException(
                        "Built-in " + definition.type() + " '" + definition.name() + "' is declared twice");
            }
            definitions.add(definition);
        }
        return List.copyOf(definitions);
    }
}
