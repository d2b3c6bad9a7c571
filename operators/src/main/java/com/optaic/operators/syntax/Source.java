package com.optaic.operators.syntax;

import static java.util.Objects.requireNonNull;

/**
 * The text of one expression and where it came from, so errors can say {@code file:line:column} and show
 * the offending line with a caret under the spot.
 *
 * @param origin a file name, or a command-line argument such as {@code --expr #2}; empty for anonymous text
 * @param text the expression text (a single line or several)
 * @param firstLine the file line that {@code text} starts on (1 for a standalone expression)
 * @param firstColumn the file column that {@code text} starts at (1 unless it follows {@code name =})
 */
public record Source(String origin, String text, int firstLine, int firstColumn) {
    public Source {
        requireNonNull(origin, "origin is null");
        requireNonNull(text, "text is null");
    }

    public static Source of(String text) {
        return new Source("", text, 1, 1);
    }

    /** {@code origin:line:column} (or {@code line:column}) of a character offset into {@link #text}. */
    public String locate(int offset) {
        int line = 0;
        int lineStart = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int fileLine = firstLine + line;
        int fileColumn = (line == 0 ? firstColumn : 1) + (offset - lineStart);
        if (origin.startsWith("--")) {
            return origin + " column " + fileColumn; // a command-line argument has no lines
        }
        return (origin.isEmpty() ? "" : origin + ":") + fileLine + ":" + fileColumn;
    }

    /** The source line holding {@code offset}, followed by a caret line pointing at it. */
    public String caret(int offset) {
        int start = text.lastIndexOf('\n', Math.max(0, Math.min(offset, text.length()) - 1)) + 1;
        if (offset == 0) {
            start = 0;
        }
        int end = text.indexOf('\n', start);
        if (end < 0) {
            end = text.length();
        }
        String line = text.substring(start, end);
        return "  " + line + "\n  " + " ".repeat(Math.max(0, offset - start)) + "^";
    }
}
