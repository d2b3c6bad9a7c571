package com.optaic.operators.plan;

import com.optaic.operators.OperatorsErrorCode;
import com.optaic.operators.syntax.Expr;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The outputs declared as labels: sinks that only other labels may read, since a label may hold the future. */
final class LabelSinks {
    private final Set<String> labels = new HashSet<>();

    void add(String name) {
        labels.add(name);
    }

    /** Refuses a read of the output {@code name} from a scope that is not a label's if that output is a label. */
    void checkRead(String name, Expr.Field field, ResolutionScope scope) {
        if (labels.contains(name) && !scope.label()) {
            List<String> chain = new ArrayList<>();
            chain.add(scope.definition());
            chain.addAll(scope.argumentOf());
            chain.add(name);
            throw scope.error(
                    OperatorsErrorCode.FUTURE_READ,
                    field.offset(),
                    "feature " + scope.definition() + " reads label "
                            + name + " (" + String.join(" -> ", chain)
                            + "); a label is a sink that only labels may read,"
                            + " since it may hold the future");
        }
    }
}
