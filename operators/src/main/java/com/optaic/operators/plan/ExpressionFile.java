package com.optaic.operators.plan;

import com.optaic.common.OptaicException;
import com.optaic.operators.OperatorsErrorCode;
import com.optaic.operators.syntax.Expr;
import com.optaic.operators.syntax.Parser;
import com.optaic.operators.syntax.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads expression text: one {@code name = expression} per line, {@code LABEL name = expression} for
 * labels (which may read the future), {@code DEF NAME(a, b) = body} for macros, {@code #} comments and
 * blank lines. The same rules parse a single {@code --expr} / {@code --label} argument.
 */
public final class ExpressionFile {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern MACRO =
            Pattern.compile("(?i)DEF\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*\\(([^)]*)\\)\\s*=(?!=)(.*)");

    private final List<Macro> macros = new ArrayList<>();
    private final List<Definition> definitions = new ArrayList<>();

    public List<Macro> macros() {
        return List.copyOf(macros);
    }

    public List<Definition> definitions() {
        return List.copyOf(definitions);
    }

    /** Parses a whole file's text; {@code origin} names it in errors. */
    public static ExpressionFile parse(String origin, String text) {
        ExpressionFile file = new ExpressionFile();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            file.addLine(origin, lines[i], i + 1);
        }
        return file;
    }

    /** Adds one {@code --expr} argument; without {@code name =} the expression is named {@code exprN}. */
    public ExpressionFile addArgument(String origin, String argument, boolean label) {
        Definition definition = definition(origin, argument, 1, 0, label, true);
        definitions.add(definition);
        return this;
    }

    public ExpressionFile addAll(ExpressionFile other) {
        macros.addAll(other.macros);
        definitions.addAll(other.definitions);
        return this;
    }

    private void addLine(String origin, String rawLine, int lineNumber) {
        int hash = rawLine.indexOf('#');
        String line = hash >= 0 ? rawLine.substring(0, hash) : rawLine;
        if (line.isBlank()) {
            return;
        }
        int indent = 0;
        while (Character.isWhitespace(line.charAt(indent))) {
            indent++;
        }
        String body = line.substring(indent);
        Matcher macro = MACRO.matcher(body);
        if (macro.matches()) {
            List<String> params = new ArrayList<>();
            for (String p : macro.group(2).split(",")) {
                if (!p.isBlank()) {
                    if (!NAME.matcher(p.strip()).matches()) {
                        throw malformed(origin, lineNumber, "macro parameter '" + p.strip() + "' is not a name");
                    }
                    params.add(p.strip());
                }
            }
            int bodyStart = indent + macro.start(3);
            Source source = new Source(origin, macro.group(3), lineNumber, bodyStart + 1);
            Expr expr = Parser.parse(source);
            macros.add(new Macro(macro.group(1), params, expr, source));
            return;
        }
        boolean label = false;
        if (body.regionMatches(true, 0, "LABEL ", 0, 6)) {
            label = true;
            int skip = 6;
            while (skip < body.length() && Character.isWhitespace(body.charAt(skip))) {
                skip++;
            }
            indent += skip;
            body = body.substring(skip);
        }
        definitions.add(definition(origin, body, lineNumber, indent, label, false));
    }

    private Definition definition(
            String origin, String text, int lineNumber, int column0, boolean label, boolean nameOptional) {
        int eq = assignment(text);
        if (eq >= 0) {
            String name = text.substring(0, eq).strip();
            if (NAME.matcher(name).matches()) {
                int start = eq + 1;
                while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
                    start++;
                }
                return new Definition(
                        name, new Source(origin, text.substring(start), lineNumber, column0 + start + 1), label);
            }
            if (!nameOptional) {
                throw malformed(origin, lineNumber, "'" + name + "' is not a valid output name (letters, digits, _)");
            }
        }
        if (!nameOptional) {
            throw malformed(
                    origin,
                    lineNumber,
                    "expected 'name = expression', 'LABEL name = expression' or " + "'DEF NAME(args) = expression'");
        }
        return new Definition(
                "expr" + (definitions.size() + 1), new Source(origin, text, lineNumber, column0 + 1), label);
    }

    /** Index of the '=' that assigns, skipping ==, <=, >= and !=; -1 if none. */
    static int assignment(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != '=') {
                continue;
            }
            char before = i > 0 ? text.charAt(i - 1) : ' ';
            char after = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
            if (after == '=') {
                i++;
                continue;
            }
            if (before == '<' || before == '>' || before == '!' || before == '=') {
                continue;
            }
            return i;
        }
        return -1;
    }

    private static OptaicException malformed(String origin, int line, String what) {
        return new OptaicException(OperatorsErrorCode.EXPRESSION_FILE, origin + ":" + line + ": " + what);
    }
}
