package com.optaic.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart classes escape what they draw and stay small on long series. */
class ReportChartsTest {
    private static final String HOSTILE = "</svg><script>alert('x')</script>&\"";

    @Test
    void escapesEveryCharacterThatMattersInHtml() {
        assertThat(Html.escape("<a href='x'>&\"b\"</a>"))
                .isEqualTo("&lt;a href=&#39;x&#39;&gt;&amp;&quot;b&quot;&lt;/a&gt;");
    }

    @Test
    void aHostileNameNeverBecomesMarkup() {
        int[] days = {19000, 19001, 19002};
        double[] values = {1, 2, Double.NaN};
        List<String> charts = List.of(
                LineChart.draw(HOSTILE, days, List.of(new Series(HOSTILE, values)), Html::number),
                AreaChart.draw(HOSTILE, days, List.of(new Series(HOSTILE, values)), Html::number),
                BarChart.draw(HOSTILE, List.of(HOSTILE, "b", "c"), values, Html::number),
                Heatmap.draw(
                        HOSTILE, List.of(HOSTILE), List.of(HOSTILE, "b", "c"), new double[][] {values}, Html::number));
        for (String chart : charts) {
            assertThat(chart.contains("<script")).as(chart).isFalse();
            assertThat(chart.indexOf("</svg>")).as(chart).isEqualTo(chart.length() - "</svg>".length());
        }
        String lineage = new Lineage(
                        List.of(new Lineage.Node(HOSTILE, HOSTILE)),
                        new Lineage.Node("run", HOSTILE),
                        Map.of(HOSTILE, HOSTILE),
                        HOSTILE)
                .html();
        assertThat(lineage.contains("<script")).isFalse();
        String page = new ReportPage(HOSTILE).section(HOSTILE).note(HOSTILE).html();
        assertThat(page.contains("<script")).isFalse();
    }

    @Test
    void aLongSeriesIsDrawnFromABoundedNumberOfPointsKeepingItsExtremes() {
        int n = 100_000;
        int[] days = new int[n];
        double[] values = new double[n];
        for (int t = 0; t < n; t++) {
            days[t] = t;
            values[t] = Math.sin(t / 500.0);
        }
        values[77_777] = 5; // a spike the drawing must keep
        String chart = LineChart.draw("long", days, List.of(new Series("s", values)), Html::number);
        String path = chart.substring(chart.indexOf(" d=\"") + 4);
        path = path.substring(0, path.indexOf('"'));
        long points = path.chars().filter(c -> c == 'L' || c == 'M').count();
        assertThat(points).isLessThanOrEqualTo(LineChart.MAX_POINTS);
        // The spike is the top of the axis: y = Svg.TOP.
        assertThat(Arrays.asList(path.split("[ML]"))).anyMatch(p -> p.endsWith("," + Svg.f(Svg.TOP)));
    }
}
