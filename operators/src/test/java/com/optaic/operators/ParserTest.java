package com.optaic.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.operators.syntax.Expr;
import com.optaic.operators.syntax.ParseException;
import com.optaic.operators.syntax.Parser;
import com.optaic.operators.syntax.Source;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ParserTest {
    /** Renders the tree in prefix form so precedence is visible. */
    private static String tree(String text) {
        return render(Parser.parse(text));
    }

    private static String render(Expr e) {
        if (e instanceof Expr.Num n) {
            return Double.toString(n.value());
        }
        if (e instanceof Expr.Field f) {
            return f.name();
        }
        Expr.Call c = (Expr.Call) e;
        return c.name() + "(" + c.args().stream().map(ParserTest::render).collect(Collectors.joining(",")) + ")";
    }

    @Test
    void numbersInEveryForm() {
        assertThat(tree("2.")).isEqualTo("2.0");
        assertThat(tree(".001")).isEqualTo("0.001");
        assertThat(tree("1e-3")).isEqualTo("0.001");
        assertThat(tree("-1 * x")).isEqualTo("MUL(-1.0,x)");
    }

    @Test
    void powerIsRightAssociativeAndTighterThanUnaryMinus() {
        assertThat(tree("2^3^2")).isEqualTo("POWER(2.0,POWER(3.0,2.0))");
        assertThat(tree("-x^2")).isEqualTo("NEG(POWER(x,2.0))");
        assertThat(tree("x^-1")).isEqualTo("POWER(x,-1.0)");
    }

    @Test
    void precedenceOfArithmeticComparisonLogicAndTernary() {
        assertThat(tree("a + b * c")).isEqualTo("ADD(a,MUL(b,c))");
        assertThat(tree("a - b - c")).isEqualTo("SUB(SUB(a,b),c)");
        assertThat(tree("a < b + 1 && c >= d || !e")).isEqualTo("OR(AND(LT(a,ADD(b,1.0)),GE(c,d)),NOT(e))");
        assertThat(tree("a == b != c")).isEqualTo("NE(EQ(a,b),c)");
        assertThat(tree("c ? a : d ? e : f")).isEqualTo("IF(c,a,IF(d,e,f))");
        assertThat(tree("a & b | c")).isEqualTo("OR(AND(a,b),c)");
    }

    @Test
    void fieldsCallsAndQlibDollars() {
        assertThat(tree("Ts_Rank($close, 10)")).isEqualTo("Ts_Rank(close,10.0)");
        assertThat(tree("IndNeutralize(vwap, IndClass.sector)")).isEqualTo("IndNeutralize(vwap,IndClass.sector)");
        assertThat(tree("f()")).isEqualTo("f()");
    }

    @Test
    void errorsSayWhereWithACaret() {
        assertThatThrownBy(() -> Parser.parse(new Source("f.txt", "RANK(close,", 3, 7)))
                .isInstanceOf(ParseException.class)
                .hasMessageStartingWith("f.txt:3:18: expected a number, field, call or '(' but the expression ended")
                .hasMessageContaining("RANK(close,\n             ^");
        assertThatThrownBy(() -> Parser.parse("(close + 1"))
                .hasMessageContaining("1:11: expected ')' to close the '(' at 1:1");
        assertThatThrownBy(() -> Parser.parse("close open"))
                .hasMessageContaining("1:7: expected an operator or the end of the expression, found 'open'");
        assertThatThrownBy(() -> Parser.parse("c ? a"))
                .hasMessageContaining("expected ':' of the conditional started at 1:3");
        assertThatThrownBy(() -> Parser.parse("   ")).hasMessageContaining("empty expression");
        assertThatThrownBy(() -> Parser.parse("3x")).hasMessageContaining("malformed number '3x'");
    }
}
