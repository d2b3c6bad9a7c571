package com.optaic.operators;

import static com.optaic.operators.Lookback.NONE;
import static com.optaic.operators.Lookback.WINDOW;
import static com.optaic.operators.Lookback.WINDOW_MINUS_ONE;
import static com.optaic.operators.OperatorKind.CROSS_SECTIONAL;
import static com.optaic.operators.OperatorKind.ELEMENT_WISE;
import static com.optaic.operators.OperatorKind.GROUP;
import static com.optaic.operators.OperatorKind.TIME_SERIES;
import static com.optaic.operators.Param.group;
import static com.optaic.operators.Param.number;
import static com.optaic.operators.Param.series;
import static com.optaic.operators.Param.window;

import com.optaic.operators.kernels.CrossSectionKernels;
import com.optaic.operators.kernels.ElementwiseKernel;
import com.optaic.operators.kernels.ElementwiseKernels;
import com.optaic.operators.kernels.GroupKernels;
import com.optaic.operators.kernels.Kernel;
import com.optaic.operators.kernels.TimeSeriesKernels;
import java.util.List;

/**
 * The built-in operator catalogue. Each entry documents its semantics; time-series operators follow pandas
 * on the calendar-aligned series with {@code min_periods = d} (any NaN in the window gives NaN), and a
 * window of 1 row is the value itself where that makes sense.
 */
public final class BuiltinOperators {
    private static final OperatorRegistry REGISTRY = build();

    private BuiltinOperators() {}

    public static OperatorRegistry registry() {
        return REGISTRY;
    }

    private static OperatorRegistry build() {
        OperatorRegistry r = new OperatorRegistry();
        Param x = series("x");
        Param y = series("y");
        Param d = window("d");

        // element-wise
        r.register(op(
                "ADD",
                List.of("Add"),
                ELEMENT_WISE,
                List.of(x, y),
                "x + y (infix +)",
                ElementwiseKernel.of(Double::sum)));
        r.register(op(
                "SUB",
                List.of("Sub"),
                ELEMENT_WISE,
                List.of(x, y),
                "x - y (infix -)",
                ElementwiseKernel.of((a, b) -> a - b)));
        r.register(op(
                "MUL",
                List.of("Mul"),
                ELEMENT_WISE,
                List.of(x, y),
                "x * y (infix *)",
                ElementwiseKernel.of((a, b) -> a * b)));
        r.register(op(
                "DIV",
                List.of("Div"),
                ELEMENT_WISE,
                List.of(x, y),
                "x / y (infix /); division by zero gives NaN",
                ElementwiseKernel.of(ElementwiseKernels::div)));
        r.register(op("NEG", List.of(), ELEMENT_WISE, List.of(x), "-x (unary minus)", ElementwiseKernel.of(a -> -a)));
        r.register(op("ABS", List.of(), ELEMENT_WISE, List.of(x), "|x|", ElementwiseKernel.of(Math::abs)));
        r.register(op(
                "SIGN",
                List.of(),
                ELEMENT_WISE,
                List.of(x),
                "-1, 0 or 1 by the sign of x",
                ElementwiseKernel.of(Math::signum)));
        r.register(op(
                "LOG",
                List.of("LN"),
                ELEMENT_WISE,
                List.of(x),
                "natural log; NaN for x <= 0",
                ElementwiseKernel.of(ElementwiseKernels::log)));
        r.register(op(
                "SQRT",
                List.of(),
                ELEMENT_WISE,
                List.of(x),
                "square root; NaN for x < 0",
                ElementwiseKernel.of(ElementwiseKernels::sqrt)));
        r.register(op(
                "POWER",
                List.of("POW"),
                ELEMENT_WISE,
                List.of(x, series("e")),
                "x ^ e (infix ^, right-associative, tighter than unary minus); NaN where the result is not a finite real",
                ElementwiseKernel.of(ElementwiseKernels::power)));
        r.register(op(
                "SIGNEDPOWER",
                List.of(),
                ELEMENT_WISE,
                List.of(x, series("e")),
                "sign(x) * |x| ^ e",
                ElementwiseKernel.of(ElementwiseKernels::signedPower)));
        r.register(op(
                "INV",
                List.of(),
                ELEMENT_WISE,
                List.of(x),
                "1 / x; NaN at 0",
                ElementwiseKernel.of(ElementwiseKernels::inv)));
        r.register(op(
                "MAX",
                List.of("GREATER"),
                ELEMENT_WISE,
                List.of(x, y),
                "element-wise maximum, NaN if either is NaN; MAX(x, <number>) is TS_MAX (Alpha101)",
                ElementwiseKernel.of(Math::max)));
        r.register(op(
                "MIN",
                List.of("LESS"),
                ELEMENT_WISE,
                List.of(x, y),
                "element-wise minimum, NaN if either is NaN; MIN(x, <number>) is TS_MIN (Alpha101)",
                ElementwiseKernel.of(Math::min)));
        r.register(op(
                "IF",
                List.of("WHERE"),
                ELEMENT_WISE,
                List.of(series("c"), x, y),
                "c ? x : y; NaN when c is NaN; c is true when non-zero",
                ElementwiseKernel.of(ElementwiseKernels::ifThenElse)));
        r.register(op(
                "LT",
                List.of(),
                ELEMENT_WISE,
                List.of(x, y),
                "x < y as 1/0; NaN if either is NaN",
                ElementwiseKernel.of(ElementwiseKernels::lt)));
        r.register(op(
                "LE",
                List.of(),
                ELEMENT_WISE,
                List.of(x, y),
                "x <= y as 1/0; NaN if either is NaN",
                ElementwiseKernel.of(ElementwiseKernels::le)));
        r.register(op(
                "GT",
                List.of(),
                ELEMENT_WISE,
                List.of(x, y),
                "x > y as 1/0; NaN if either is NaN",
                ElementwiseKernel.of(ElementwiseKernels::gt)));
        r.register(op(
                "GE",
                List.of(),
                ELEMENT_WISE,
                List.of(x, y),
                "x >= y as 1/0; NaN if either is NaN",
                ElementwiseKernel.of(ElementwiseKernels::ge)));
        r.register(op(
                "EQ",
                List.of(),
                ELEMENT_WISE,
                List.of(x, y),
                "x == y as 1/0; NaN if either is NaN",
                ElementwiseKernel.of(ElementwiseKernels::eq)));
        r.register(op(
                "NE",
                List.of(),
                ELEMENT_WISE,
                List.of(x, y),
                "x != y as 1/0; NaN if either is NaN",
                ElementwiseKernel.of(ElementwiseKernels::ne)));
        r.register(op(
                "AND",
                List.of(),
                ELEMENT_WISE,
                List.of(x, y),
                "x && y (also &): 1 if both non-zero, else 0; NaN if either is NaN",
                ElementwiseKernel.of(ElementwiseKernels::and)));
        r.register(op(
                "OR",
                List.of(),
                ELEMENT_WISE,
                List.of(x, y),
                "x || y (also |): 1 if either non-zero, else 0; NaN if either is NaN",
                ElementwiseKernel.of(ElementwiseKernels::or)));
        r.register(op(
                "NOT",
                List.of(),
                ELEMENT_WISE,
                List.of(x),
                "!x: 1 if x is 0, else 0; NaN for NaN",
                ElementwiseKernel.of(ElementwiseKernels::not)));
        r.register(op(
                "IS_NAN",
                List.of("ISNAN", "ISNULL"),
                ELEMENT_WISE,
                List.of(x),
                "1 where x is NaN, else 0 (never NaN)",
                ElementwiseKernel.of(ElementwiseKernels::isNaN)));
        r.register(op(
                "FILLNA",
                List.of("FILL_NA"),
                ELEMENT_WISE,
                List.of(x, series("v")),
                "x where it has a value, else v",
                ElementwiseKernel.of(ElementwiseKernels::fillNaN)));

        // time series over a window of d calendar rows
        r.register(ts(
                "REF",
                List.of("DELAY", "SHIFT"),
                List.of(x, window("d")),
                WINDOW,
                "x d rows earlier (s.shift(d)); REF(x, 0) is x; a negative d reads the future and is allowed only in labels",
                TimeSeriesKernels::ref));
        r.register(ts("DELTA", List.of(), List.of(x, window("d")), WINDOW, "x - REF(x, d)", TimeSeriesKernels::delta));
        r.register(
                ts("TS_SUM", List.of("SUM"), List.of(x, d), WINDOW_MINUS_ONE, "rolling sum", TimeSeriesKernels::sum));
        r.register(ts(
                "TS_MEAN",
                List.of("MEAN", "MA", "SMA"),
                List.of(x, d),
                WINDOW_MINUS_ONE,
                "rolling mean",
                TimeSeriesKernels::mean));
        r.register(ts(
                "TS_STD",
                List.of("STD", "STDDEV"),
                List.of(x, d),
                WINDOW_MINUS_ONE,
                "rolling sample standard deviation (ddof 1); NaN for d = 1",
                TimeSeriesKernels::std));
        r.register(ts(
                "TS_VAR",
                List.of("VAR"),
                List.of(x, d),
                WINDOW_MINUS_ONE,
                "rolling sample variance (ddof 1); NaN for d = 1",
                TimeSeriesKernels::var));
        r.register(ts(
                "TS_SKEW",
                List.of("SKEW"),
                List.of(x, d),
                WINDOW_MINUS_ONE,
                "rolling bias-corrected skewness (pandas); NaN for d < 3 or a constant window",
                TimeSeriesKernels::skew));
        r.register(ts(
                "TS_KURT",
                List.of("KURT"),
                List.of(x, d),
                WINDOW_MINUS_ONE,
                "rolling bias-corrected excess kurtosis (pandas); NaN for d < 4 or a constant window",
                TimeSeriesKernels::kurt));
        r.register(ts("TS_MIN", List.of(), List.of(x, d), WINDOW_MINUS_ONE, "rolling minimum", TimeSeriesKernels::min));
        r.register(ts("TS_MAX", List.of(), List.of(x, d), WINDOW_MINUS_ONE, "rolling maximum", TimeSeriesKernels::max));
        r.register(ts(
                "TS_MEDIAN",
                List.of("MEDIAN", "MED"),
                List.of(x, d),
                WINDOW_MINUS_ONE,
                "rolling median",
                TimeSeriesKernels::median));
        r.register(ts(
                "TS_QUANTILE",
                List.of("QUANTILE"),
                List.of(x, d, number("q", null)),
                WINDOW_MINUS_ONE,
                "rolling q-quantile, linear interpolation (numpy/pandas default)",
                TimeSeriesKernels::quantile));
        r.register(ts(
                "TS_COUNT",
                List.of("COUNT"),
                List.of(x, d),
                WINDOW_MINUS_ONE,
                "number of non-NaN values in the last d rows; NaN only for the first d-1 rows",
                TimeSeriesKernels::count));
        r.register(ts(
                "TS_PRODUCT",
                List.of("PRODUCT", "PROD"),
                List.of(x, d),
                WINDOW_MINUS_ONE,
                "rolling product",
                TimeSeriesKernels::product));
        r.register(ts(
                "TS_ARGMAX",
                List.of("ARGMAX", "IDXMAX"),
                List.of(x, d),
                WINDOW_MINUS_ONE,
                "position 1..d of the window maximum counted from the oldest row; first occurrence on ties",
                TimeSeriesKernels::argmax));
        r.register(ts(
                "TS_ARGMIN",
                List.of("ARGMIN", "IDXMIN"),
                List.of(x, d),
                WINDOW_MINUS_ONE,
                "position 1..d of the window minimum counted from the oldest row; first occurrence on ties",
                TimeSeriesKernels::argmin));
        r.register(ts(
                "TS_RANK",
                List.of(),
                List.of(x, d),
                WINDOW_MINUS_ONE,
                "percentile rank of today's value within the window, ties averaged (s.rolling(d).rank(pct=True))",
                TimeSeriesKernels::rank));
        r.register(ts(
                "DECAY_LINEAR",
                List.of("WMA"),
                List.of(x, d),
                WINDOW_MINUS_ONE,
                "weighted mean with weights d (today) down to 1, normalised",
                TimeSeriesKernels::decayLinear));
        r.register(ts(
                "EMA",
                List.of(),
                List.of(x, window("n")),
                WINDOW_MINUS_ONE,
                "s.ewm(span=n, min_periods=n).mean(): alpha 2/(n+1), infinite memory; lookback n-1 is the warm-up",
                TimeSeriesKernels::ema));
        r.register(ts(
                "TS_SLOPE",
                List.of("SLOPE"),
                List.of(x, d),
                WINDOW_MINUS_ONE,
                "least-squares slope of the window on 1..d",
                TimeSeriesKernels::slope));
        r.register(ts(
                "TS_RSQUARE",
                List.of("RSQUARE"),
                List.of(x, d),
                WINDOW_MINUS_ONE,
                "r-squared of the window regressed on 1..d; NaN for a constant window",
                TimeSeriesKernels::rsquare));
        r.register(ts(
                "TS_RESI",
                List.of("RESI"),
                List.of(x, d),
                WINDOW_MINUS_ONE,
                "residual of today's value from the window's regression on 1..d",
                TimeSeriesKernels::resi));
        r.register(ts(
                "TS_MAD",
                List.of("MAD"),
                List.of(x, d),
                WINDOW_MINUS_ONE,
                "mean absolute deviation from the window mean",
                TimeSeriesKernels::mad));
        r.register(ts(
                "TS_ZSCORE",
                List.of(),
                List.of(x, d),
                WINDOW_MINUS_ONE,
                "(x - rolling mean) / rolling std (ddof 1); NaN for a constant window",
                TimeSeriesKernels::zscore));
        r.register(ts(
                "TS_CORR",
                List.of("CORRELATION", "CORR"),
                List.of(x, y, d),
                WINDOW_MINUS_ONE,
                "rolling Pearson correlation; NaN when either window is constant",
                TimeSeriesKernels::corr));
        r.register(ts(
                "TS_COV",
                List.of("COVARIANCE", "COV"),
                List.of(x, y, d),
                WINDOW_MINUS_ONE,
                "rolling sample covariance (ddof 1)",
                TimeSeriesKernels::cov));
        r.register(new OperatorSpec(
                "ADV",
                List.of(),
                TIME_SERIES,
                List.of(d),
                WINDOW_MINUS_ONE,
                "average daily dollar volume, TS_MEAN(close * volume, d); Alpha101's adv20 is ADV(20)",
                null,
                "TS_MEAN(close * volume, d)"));

        // cross-sectional, per date over the assets that have a value
        r.register(cs(
                "RANK",
                List.of("CS_RANK"),
                List.of(x),
                "percentile rank across assets, ties averaged (x.rank(pct=True)); RANK(x, d) is TS_RANK",
                CrossSectionKernels::rank));
        r.register(cs(
                "ZSCORE",
                List.of("CS_ZSCORE"),
                List.of(x),
                "(x - mean) / std across assets (ddof 1)",
                CrossSectionKernels::zscore));
        r.register(cs(
                "SCALE",
                List.of("CS_SCALE"),
                List.of(x, number("a", 1.0)),
                "x scaled so that the sum of |x| across assets is a",
                CrossSectionKernels::scale));
        r.register(cs(
                "WINSORIZE",
                List.of("CS_WINSORIZE"),
                List.of(x, number("k", 4.0)),
                "x clipped to mean +- k * std across assets (ddof 1)",
                CrossSectionKernels::winsorize));
        r.register(
                cs("DEMEAN", List.of("CS_DEMEAN"), List.of(x), "x - mean across assets", CrossSectionKernels::demean));

        // per date and group
        Param g = group("g");
        r.register(grp(
                "GROUP_NEUTRALIZE",
                List.of("INDNEUTRALIZE", "NEUTRALIZE"),
                List.of(x, g),
                "x - mean of x in its group (Alpha101's IndNeutralize)",
                GroupKernels::neutralize));
        r.register(grp(
                "GROUP_RANK",
                List.of(),
                List.of(x, g),
                "percentile rank within the group, ties averaged",
                GroupKernels::rank));
        r.register(grp(
                "GROUP_ZSCORE",
                List.of(),
                List.of(x, g),
                "(x - group mean) / group std (ddof 1)",
                GroupKernels::zscore));
        r.register(grp(
                "GROUP_MEAN",
                List.of(),
                List.of(x, g),
                "mean of the group's values, on every row of the group",
                GroupKernels::mean));
        r.register(grp(
                "GROUP_SUM",
                List.of(),
                List.of(x, g),
                "sum of the group's values, on every row of the group",
                GroupKernels::sum));
        r.register(grp(
                "GROUP_COUNT",
                List.of(),
                List.of(x, g),
                "number of values in the group, on every row of the group",
                GroupKernels::count));
        return r;
    }

    private static OperatorSpec op(
            String name, List<String> aliases, OperatorKind kind, List<Param> params, String semantics, Kernel kernel) {
        return new OperatorSpec(name, aliases, kind, params, NONE, semantics, kernel, null);
    }

    private static OperatorSpec ts(
            String name,
            List<String> aliases,
            List<Param> params,
            Lookback lookback,
            String semantics,
            com.optaic.operators.kernels.TimeSeriesKernel kernel) {
        return new OperatorSpec(name, aliases, TIME_SERIES, params, lookback, semantics, kernel, null);
    }

    private static OperatorSpec cs(
            String name,
            List<String> aliases,
            List<Param> params,
            String semantics,
            com.optaic.operators.kernels.CrossSectionKernel kernel) {
        return new OperatorSpec(name, aliases, CROSS_SECTIONAL, params, NONE, semantics, kernel, null);
    }

    private static OperatorSpec grp(
            String name,
            List<String> aliases,
            List<Param> params,
            String semantics,
            com.optaic.operators.kernels.GroupKernel kernel) {
        return new OperatorSpec(name, aliases, GROUP, params, NONE, semantics, kernel, null);
    }
}
