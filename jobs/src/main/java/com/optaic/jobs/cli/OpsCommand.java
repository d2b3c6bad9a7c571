package com.optaic.jobs.cli;

import com.optaic.common.OptaicException;
import com.optaic.operators.BuiltinOperators;
import com.optaic.operators.OperatorRegistry;
import com.optaic.operators.OperatorSpec;
import com.optaic.operators.OperatorsErrorCode;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "ops",
        mixinStandardHelpOptions = true,
        description = "The operator catalogue.",
        subcommands = {OpsCommand.ListOperators.class, OpsCommand.Show.class})
final class OpsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List every operator with its signature, kind and lookback.")
    static final class ListOperators implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            List<OperatorSpec> all = BuiltinOperators.registry().all();
            int width = all.stream().mapToInt(s -> s.signature().length()).max().orElse(10);
            out.printf("%-" + width + "s  %-15s  %-8s  %s%n", "SIGNATURE", "KIND", "LOOKBACK", "SEMANTICS");
            for (OperatorSpec op : all) {
                out.printf(
                        "%-" + width + "s  %-15s  %-8s  %s%n",
                        op.signature(),
                        op.kind().label(),
                        op.lookback().description(),
                        op.semantics());
            }
            out.printf("%d operators; names are case-insensitive; `optaic ops show NAME` for aliases.%n", all.size());
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one operator (by name or alias).")
    static final class Show implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public void run() {
            OperatorRegistry registry = BuiltinOperators.registry();
            OperatorSpec op = registry.find(name).orElseThrow(() -> {
                List<String> close = OperatorRegistry.closest(name, registry.names());
                return new OptaicException(
                        OperatorsErrorCode.UNKNOWN_OPERATOR,
                        "unknown operator '" + name + "'"
                                + (close.isEmpty() ? "" : "; did you mean " + String.join(" or ", close) + "?"));
            });
            PrintWriter out = spec.commandLine().getOut();
            out.println(op.signature());
            out.println("  kind:      " + op.kind().label());
            out.println("  lookback:  " + op.lookback().description());
            out.println("  aliases:   " + (op.aliases().isEmpty() ? "(none)" : String.join(", ", op.aliases())));
            out.println("  semantics: " + op.semantics());
            if (op.expansion() != null) {
                out.println("  defined as " + op.expansion());
            }
        }
    }
}
