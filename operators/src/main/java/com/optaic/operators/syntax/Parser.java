package com.optaic.operators.syntax;

import com.optaic.operators.OperatorsErrorCode;
import com.optaic.operators.syntax.Expr.Call;
import com.optaic.operators.syntax.Expr.Field;
import com.optaic.operators.syntax.Expr.Num;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for the expression language. Precedence, loosest first: {@code c ? a : b}
 * (right-associative), {@code || |}, {@code && &}, {@code == !=}, {@code < <= > >=}, {@code + -},
 * {@code * /}, unary {@code - ! +}, then {@code ^} (power, right-associative, tighter than unary minus so
 * {@code -x^2} is {@code -(x^2)}), then numbers, fields, calls and parentheses.
 *
 * <p>A syntax tree deeper than {@link #MAX_DEPTH} is a user error: parentheses, calls, prefix operators and every
 * infix operator of a chain ({@code a + b + c} is two levels) count. The parser and the compiler recurse along the
 * tree, so the cap keeps them far from the end of a thread's stack.
 */
public final class Parser {
    /** The deepest syntax tree accepted; Alpha101's formulas nest at most about 20 levels. */
    public static final int MAX_DEPTH = 100;

    private final Source source;
    private final String text;
    private int pos;
    private int depth;

    private Parser(Source source) {
        this.source = source;
        this.text = source.text();
    }

    public static Expr parse(Source source) {
        Parser parser = new Parser(source);
        parser.skipSpace();
        if (parser.pos >= parser.text.length()) {
            throw parser.error(0, "empty expression");
        }
        Expr expr = parser.ternary();
        parser.skipSpace();
        if (parser.pos < parser.text.length()) {
            throw parser.error(
                    parser.pos, "expected an operator or the end of the expression, found " + parser.describeHere());
        }
        parser.requireShallow(expr);
        return expr;
    }

    /** Refuses a tree deeper than {@link #MAX_DEPTH}, which chains of infix operators build without recursion here. */
    private void requireShallow(Expr root) {
        ArrayDeque<Expr> nodes = new ArrayDeque<>();
        ArrayDeque<Integer> depths = new ArrayDeque<>();
        nodes.push(root);
        depths.push(1);
        while (!nodes.isEmpty()) {
            Expr node = nodes.pop();
            int level = depths.pop();
            if (level > MAX_DEPTH) {
                throw tooDeep(node.offset());
            }
            if (node instanceof Call call) {
                for (Expr arg : call.args()) {
                    nodes.push(arg);
                    depths.push(level + 1);
                }
            }
        }
    }

    /** Enters one more level of recursion: a parenthesis, a call's arguments, a prefix or right-associative operator. */
    private void descend(int at) {
        if (++depth > MAX_DEPTH) {
            throw tooDeep(at);
        }
    }

    private ParseException tooDeep(int offset) {
        return new ParseException(
                OperatorsErrorCode.EXPRESSION_TOO_DEEP,
                source,
                offset,
                "the expression nests deeper than "
                        + MAX_DEPTH
                        + " levels here (parentheses, calls and operators each count, a + b + c two levels);"
                        + " the limit is " + MAX_DEPTH + ": split it into named expressions, which later ones can use");
    }

    public static Expr parse(String text) {
        return parse(Source.of(text));
    }

    private Expr ternary() {
        descend(mark());
        try {
            Expr condition = or();
            int at = mark();
            if (accept("?")) {
                Expr whenTrue = ternary();
                expect(":", "':' of the conditional started at " + source.locate(at));
                Expr whenFalse = ternary();
                return new Call("IF", List.of(condition, whenTrue, whenFalse), condition.offset());
            }
            return condition;
        } finally {
            depth--;
        }
    }

    private Expr or() {
        Expr left = and();
        while (true) {
            int at = mark();
            if (accept("||") || acceptSingle('|')) {
                left = new Call("OR", List.of(left, and()), at);
            } else {
                return left;
            }
        }
    }

    private Expr and() {
        Expr left = equality();
        while (true) {
            int at = mark();
            if (accept("&&") || acceptSingle('&')) {
                left = new Call("AND", List.of(left, equality()), at);
            } else {
                return left;
            }
        }
    }

    private Expr equality() {
        Expr left = comparison();
        while (true) {
            int at = mark();
            if (accept("==")) {
                left = new Call("EQ", List.of(left, comparison()), at);
            } else if (accept("!=")) {
                left = new Call("NE", List.of(left, comparison()), at);
            } else {
                return left;
            }
        }
    }

    private Expr comparison() {
        Expr left = additive();
        while (true) {
            int at = mark();
            String name;
            if (accept("<=")) {
                name = "LE";
            } else if (accept(">=")) {
                name = "GE";
            } else if (accept("<")) {
                name = "LT";
            } else if (accept(">")) {
                name = "GT";
            } else {
                return left;
            }
            left = new Call(name, List.of(left, additive()), at);
        }
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (true) {
            int at = mark();
            if (accept("+")) {
                left = new Call("ADD", List.of(left, multiplicative()), at);
            } else if (accept("-")) {
                left = new Call("SUB", List.of(left, multiplicative()), at);
            } else {
                return left;
            }
        }
    }

    private Expr multiplicative() {
        Expr left = unary();
        while (true) {
            int at = mark();
            if (accept("*")) {
                left = new Call("MUL", List.of(left, unary()), at);
            } else if (accept("/")) {
                left = new Call("DIV", List.of(left, unary()), at);
            } else {
                return left;
            }
        }
    }

    private Expr unary() {
        int at = mark();
        if (lookingAt("-") || lookingAt("+") || (lookingAt("!") && !lookingAt("!="))) {
            descend(at);
            try {
                return prefixed(at);
            } finally {
                depth--;
            }
        }
        return power();
    }

    private Expr prefixed(int at) {
        if (accept("-")) {
            Expr operand = unary();
            if (operand instanceof Num num) {
                return new Num(-num.value(), at);
            }
            return new Call("NEG", List.of(operand), at);
        }
        if (accept("+")) {
            return unary();
        }
        accept("!");
        return new Call("NOT", List.of(unary()), at);
    }

    private Expr power() {
        Expr base = primary();
        int at = mark();
        if (accept("^")) {
            descend(at);
            try {
                return new Call("POWER", List.of(base, unary()), at);
            } finally {
                depth--;
            }
        }
        return base;
    }

    private Expr primary() {
        skipSpace();
        int start = pos;
        if (pos >= text.length()) {
            throw error(pos, "expected a number, field, call or '(' but the expression ended");
        }
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            Expr inner = ternary();
            expect(")", "')' to close the '(' at " + source.locate(start));
            return inner;
        }
        if (Character.isDigit(c) || (c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
            return number();
        }
        if (Character.isLetter(c) || c == '_' || c == '$') {
            if (c == '$') {
                pos++;
            }
            int nameStart = pos;
            while (pos < text.length() && isNameChar(text.charAt(pos))) {
                pos++;
            }
            if (pos == nameStart) {
                throw error(start, "expected a field name after '$'");
            }
            String name = text.substring(nameStart, pos);
            skipSpace();
            if (c != '$' && pos < text.length() && text.charAt(pos) == '(') {
                pos++;
                List<Expr> args = new ArrayList<>();
                skipSpace();
                if (!accept(")")) {
                    do {
                        args.add(ternary());
                    } while (accept(","));
                    expect(")", "',' or ')' in the call of " + name + " at " + source.locate(start));
                }
                return new Call(name, args, start);
            }
            return new Field(name, start);
        }
        throw error(pos, "expected a number, field, call or '(' but found " + describeHere());
    }

    private Expr number() {
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            int digits = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            if (pos == digits) {
                pos = save;
            }
        }
        if (pos < text.length() && isNameChar(text.charAt(pos)) && text.charAt(pos) != '.') {
            throw error(pos, "malformed number '" + text.substring(start, pos + 1) + "'");
        }
        return new Num(Double.parseDouble(text.substring(start, pos)), start);
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.';
    }

    private int mark() {
        skipSpace();
        return pos;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean lookingAt(String token) {
        skipSpace();
        return text.startsWith(token, pos);
    }

    private boolean accept(String token) {
        if (lookingAt(token)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    /** Accepts Qlib's single {@code &} or {@code |}, but not the first half of {@code &&}/{@code ||}. */
    private boolean acceptSingle(char c) {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == c && (pos + 1 >= text.length() || text.charAt(pos + 1) != c)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String token, String what) {
        if (!accept(token)) {
            throw error(pos, "expected " + what + ", found " + describeHere());
        }
    }

    private String describeHere() {
        skipSpace();
        if (pos >= text.length()) {
            return "the end of the expression";
        }
        int end = pos + 1;
        while (end < text.length() && end < pos + 12 && isNameChar(text.charAt(end)) && isNameChar(text.charAt(pos))) {
            end++;
        }
        return "'" + text.substring(pos, end) + "'";
    }

    private ParseException error(int offset, String what) {
        return new ParseException(OperatorsErrorCode.EXPRESSION_SYNTAX, source, offset, what);
    }
}
