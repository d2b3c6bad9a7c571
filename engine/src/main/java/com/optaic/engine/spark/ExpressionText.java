package com.optaic.engine.spark;

import static java.util.Objects.requireNonNull;

import com.optaic.operators.plan.Definition;
import com.optaic.operators.plan.ExpressionCompiler;
import com.optaic.operators.plan.ExpressionFile;
import com.optaic.operators.plan.FieldCatalog;
import com.optaic.operators.plan.Macro;
import com.optaic.operators.plan.Program;
import com.optaic.operators.syntax.Parser;
import com.optaic.operators.syntax.Source;
import java.io.Serializable;
import java.util.List;

/**
 * Expressions as they travel to Spark tasks: the text of each macro and definition with its origin, so a
 * task compiles exactly the program the driver compiled (and reports errors at the same file positions)
 * without shipping the compiler's objects.
 */
public record ExpressionText(List<MacroText> macros, List<DefinitionText> definitions) implements Serializable {
    private static final long serialVersionUID = 1L;

    public ExpressionText {
        macros = List.copyOf(macros);
        definitions = List.copyOf(definitions);
    }

    /** Where a piece of text came from, as {@link Source}. */
    public record SourceText(String origin, String text, int firstLine, int firstColumn) implements Serializable {
        private static final long serialVersionUID = 1L;

        public SourceText {
            requireNonNull(origin, "origin is null");
            requireNonNull(text, "text is null");
        }

        static SourceText of(Source source) {
            return new SourceText(source.origin(), source.text(), source.firstLine(), source.firstColumn());
        }

        Source toSource() {
            return new Source(origin, text, firstLine, firstColumn);
        }
    }

    public record MacroText(String name, List<String> params, SourceText body) implements Serializable {
        private static final long serialVersionUID = 1L;

        public MacroText {
            requireNonNull(name, "name is null");
            params = List.copyOf(params);
            requireNonNull(body, "body is null");
        }
    }

    public record DefinitionText(String name, SourceText source, boolean label) implements Serializable {
        private static final long serialVersionUID = 1L;

        public DefinitionText {
            requireNonNull(name, "name is null");
            requireNonNull(source, "source is null");
        }
    }

    public static ExpressionText of(ExpressionFile expressions) {
        requireNonNull(expressions, "expressions is null");
        return new ExpressionText(
                expressions.macros().stream()
                        .map(m -> new MacroText(m.name(), m.params(), SourceText.of(m.source())))
                        .toList(),
                expressions.definitions().stream()
                        .map(d -> new DefinitionText(d.name(), SourceText.of(d.source()), d.label()))
                        .toList());
    }

    /** Parses the macros and compiles the definitions against a panel's fields. */
    public Program compile(FieldCatalog fields) {
        List<Macro> parsedMacros = macros.stream()
                .map(m -> {
                    Source source = m.body().toSource();
                    return new Macro(m.name(), m.params(), Parser.parse(source), source);
                })
                .toList();
        List<Definition> parsedDefinitions = definitions.stream()
                .map(d -> new Definition(d.name(), d.source().toSource(), d.label()))
                .toList();
        return ExpressionCompiler.compile(fields, parsedMacros, parsedDefinitions);
    }
}
