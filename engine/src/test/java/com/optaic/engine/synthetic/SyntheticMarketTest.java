package com.optaic.engine.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.optaic.engine.data.Panel;
import com.optaic.engine.data.Panel.GroupColumn;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyntheticMarketTest {
    private static final int ASSETS = 150;
    private static final int DAYS = 300;

    private final Panel panel = SyntheticMarket.generate(ASSETS, DAYS, 42);

    @Test
    void sameSeedSameArraysOtherSeedOtherArrays() {
        Panel again = SyntheticMarket.generate(ASSETS, DAYS, 42);
        Panel other = SyntheticMarket.generate(ASSETS, DAYS, 43);

        panel.numericFields().forEach((name, values) -> {
            assertThat(again.requireNumeric(name)).as(name).containsExactly(values);
            assertThat(Arrays.equals(other.requireNumeric(name), values))
                    .as(name)
                    .isFalse();
        });
        panel.groupFields()
                .forEach((name, group) -> assertThat(
                                again.groupFields().get(name).codes())
                        .as(name)
                        .containsExactly(group.codes()));
        // A smaller universe is a prefix of a larger one: assets draw from their own streams.
        Panel fewer = SyntheticMarket.generate(10, DAYS, 42);
        assertThat(fewer.requireNumeric("close"))
                .containsExactly(Arrays.copyOf(panel.requireNumeric("close"), 10 * DAYS));
    }

    @Test
    void aRangeOfAssetsEqualsThoseAssetsOfTheWholeMarket() {
        Panel piece = SyntheticMarket.generate(ASSETS, DAYS, 42, 37, 52);
        assertThat(piece.assets()).containsExactly(Arrays.copyOfRange(panel.assets(), 37, 52));
        assertThat(piece.epochDays()).containsExactly(panel.epochDays());
        panel.numericFields()
                .forEach((name, values) -> assertThat(piece.requireNumeric(name))
                        .as(name)
                        .containsExactly(Arrays.copyOfRange(values, 37 * DAYS, 52 * DAYS)));
        panel.groupFields().forEach((name, group) -> {
            assertThat(piece.groupFields().get(name).labels()).as(name).containsExactly(group.labels());
            assertThat(piece.groupFields().get(name).codes())
                    .as(name)
                    .containsExactly(Arrays.copyOfRange(group.codes(), 37 * DAYS, 52 * DAYS));
        });
        assertThat(SyntheticMarket.generate(ASSETS, DAYS, 42, 5, 5).assetCount())
                .isZero();
    }

    @Test
    void aRaggedMarketListsDelistsAndMissesDaysAndExtendsAShorterOne() {
        int assets = 400;
        int days = 2520;
        Panel ragged = SyntheticMarket.generateRagged(assets, days, 42, 0, assets);
        Panel full = SyntheticMarket.generate(assets, days, 42);
        int lateListings = 0;
        int delistings = 0;
        long listedDays = 0;
        long missingDays = 0;
        long wrong = 0;
        double[] close = full.requireNumeric("close");
        for (int a = 0; a < assets; a++) {
            int firstDay = -1;
            int lastDay = -1;
            for (int t = 0; t < days; t++) {
                if (ragged.isPresent(a, t)) {
                    firstDay = firstDay < 0 ? t : firstDay;
                    lastDay = t;
                }
            }
            if (firstDay < 0) {
                continue;
            }
            lateListings += firstDay > 5 ? 1 : 0;
            delistings += lastDay < days - 6 ? 1 : 0;
            double previousClose = Double.NaN;
            for (int t = 0; t < days; t++) {
                int cell = a * days + t;
                listedDays += t >= firstDay && t <= lastDay ? 1 : 0;
                if (!ragged.isPresent(a, t)) {
                    missingDays += t >= firstDay && t <= lastDay ? 1 : 0;
                    for (double[] values : ragged.numericFields().values()) {
                        wrong += Double.isNaN(values[cell]) ? 0 : 1;
                    }
                    wrong += Double.isNaN(ragged.groupFields().get("sector").codes()[cell]) ? 0 : 1;
                    continue;
                }
                // The bars are the full market's; returns are over the previous day the asset has a row.
                wrong += ragged.requireNumeric("close")[cell] == close[cell] ? 0 : 1;
                wrong += ragged.requireNumeric("volume")[cell] == full.requireNumeric("volume")[cell] ? 0 : 1;
                double expected = close[cell] / previousClose - 1;
                double returns = ragged.requireNumeric("returns")[cell];
                wrong += Double.compare(returns, expected) == 0 ? 0 : 1;
                previousClose = close[cell];
            }
        }
        assertThat(wrong)
                .as("cells that differ from the full market or are not NaN where absent")
                .isZero();
        assertThat(lateListings).as("late listings of 400 assets, ~30%%").isBetween(85, 155);
        assertThat(delistings)
                .as("delistings of 400 assets, ~15%% (fewer within 10 years)")
                .isBetween(25, 90);
        assertThat((double) missingDays / listedDays).as("missing days").isBetween(0.003, 0.007);

        Panel shorter = SyntheticMarket.generateRagged(assets, 300, 42, 0, assets);
        Panel piece = SyntheticMarket.generateRagged(assets, days, 42, 120, 180);
        for (int a = 0; a < assets; a++) {
            for (int t = 0; t < 300; t++) {
                assertThat(shorter.isPresent(a, t)).isEqualTo(ragged.isPresent(a, t));
            }
        }
        assertThat(piece.presence()).containsExactly(Arrays.copyOfRange(ragged.presence(), 120 * days, 180 * days));
        assertThat(piece.requireNumeric("returns"))
                .containsExactly(Arrays.copyOfRange(ragged.requireNumeric("returns"), 120 * days, 180 * days));
    }

    @Test
    void calendarIsWeekdaysFromJanuary2010() {
        assertThat(panel.date(0)).isEqualTo(LocalDate.of(2010, 1, 4));
        assertThat(panel.date(4)).isEqualTo(LocalDate.of(2010, 1, 8));
        assertThat(panel.date(5)).isEqualTo(LocalDate.of(2010, 1, 11));
        for (int t = 0; t < DAYS; t++) {
            assertThat(panel.date(t).getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        }
        // 300 weekdays from Monday 2010-01-04 are 60 full weeks: the last is Friday 2011-02-25.
        assertThat(panel.date(DAYS - 1)).isEqualTo(LocalDate.of(2011, 2, 25));
        assertThat(panel.assets()[0]).isEqualTo("A0000");
        assertThat(panel.assets()[ASSETS - 1]).isEqualTo("A0149");
        assertThat(panel.assets()).isSorted();
        assertThat(panel.presentCount()).isEqualTo((long) ASSETS * DAYS);
    }

    @Test
    void barsAreConsistent() {
        double[] open = panel.requireNumeric("open");
        double[] high = panel.requireNumeric("high");
        double[] low = panel.requireNumeric("low");
        double[] close = panel.requireNumeric("close");
        double[] vwap = panel.requireNumeric("vwap");
        double[] volume = panel.requireNumeric("volume");
        double[] returns = panel.requireNumeric("returns");
        double[] cap = panel.requireNumeric("cap");
        for (int a = 0; a < ASSETS; a++) {
            double shares = cap[a * DAYS] / close[a * DAYS];
            for (int t = 0; t < DAYS; t++) {
                int cell = a * DAYS + t;
                assertThat(low[cell]).isPositive();
                assertThat(low[cell]).isLessThanOrEqualTo(Math.min(open[cell], close[cell]));
                assertThat(high[cell]).isGreaterThanOrEqualTo(Math.max(open[cell], close[cell]));
                assertThat(vwap[cell]).isBetween(low[cell], high[cell]);
                assertThat(volume[cell]).isPositive().isEqualTo(Math.rint(volume[cell]));
                assertThat(cap[cell] / close[cell])
                        .isCloseTo(shares, org.assertj.core.data.Percentage.withPercentage(1e-9));
                if (t == 0) {
                    assertThat(returns[cell]).isNaN();
                } else {
                    assertThat(returns[cell]).isEqualTo(close[cell] / close[cell - 1] - 1);
                    assertThat(Math.abs(returns[cell])).isLessThan(0.5);
                }
            }
        }
    }

    @Test
    void returnsShareAMarketFactorAndHaveSaneVolatility() {
        double[] returns = panel.requireNumeric("returns");
        double[] market = new double[DAYS];
        for (int t = 1; t < DAYS; t++) {
            for (int a = 0; a < ASSETS; a++) {
                market[t] += returns[a * DAYS + t] / ASSETS;
            }
        }
        double correlationSum = 0;
        double volatilitySum = 0;
        for (int a = 0; a < ASSETS; a++) {
            double[] own = Arrays.copyOfRange(returns, a * DAYS + 1, (a + 1) * DAYS);
            correlationSum += correlation(own, Arrays.copyOfRange(market, 1, DAYS));
            volatilitySum += Math.sqrt(variance(own) * 252);
        }
        assertThat(correlationSum / ASSETS)
                .as("mean correlation with the market")
                .isBetween(0.3, 0.9);
        assertThat(volatilitySum / ASSETS).as("mean annual volatility").isBetween(0.15, 0.6);
    }

    @Test
    void groupsNestAndAreConstantPerAsset() {
        GroupColumn sector = panel.groupFields().get("sector");
        GroupColumn industry = panel.groupFields().get("industry");
        GroupColumn subindustry = panel.groupFields().get("subindustry");
        assertThat(sector.labels()).hasSize(11).isSorted();
        assertThat(industry.labels()).hasSize(40).isSorted();
        assertThat(subindustry.labels()).hasSize(120).isSorted();
        Map<Double, Double> sectorOfIndustry = new HashMap<>();
        Map<Double, Double> industryOfSubindustry = new HashMap<>();
        for (int a = 0; a < ASSETS; a++) {
            for (int t = 0; t < DAYS; t++) {
                int cell = a * DAYS + t;
                assertThat(sector.codes()[cell]).isEqualTo(sector.codes()[a * DAYS]);
                assertThat(subindustry.codes()[cell]).isEqualTo(subindustry.codes()[a * DAYS]);
            }
            Double previousSector = sectorOfIndustry.putIfAbsent(industry.codes()[a * DAYS], sector.codes()[a * DAYS]);
            assertThat(previousSector).isIn(null, sector.codes()[a * DAYS]);
            Double previousIndustry =
                    industryOfSubindustry.putIfAbsent(subindustry.codes()[a * DAYS], industry.codes()[a * DAYS]);
            assertThat(previousIndustry).isIn(null, industry.codes()[a * DAYS]);
        }
        assertThat(sectorOfIndustry.values())
                .as("150 assets cover most sectors")
                .hasSizeGreaterThan(5);
        for (int industryCode = 0; industryCode < 40; industryCode++) {
            assertThat(SyntheticMarket.sectorOf(industryCode)).isBetween(0, 10);
        }
        assertThat(Arrays.stream(new int[] {0, 1, 2}).map(SyntheticMarket::industryOf))
                .containsOnly(0);
    }

    @Test
    void largeMarketHasEveryCell() {
        // Timing lives in the benchmarks (bench e2e builds this market), not in a test.
        Panel large = SyntheticMarket.generate(2000, 2520, 7);
        assertThat(large.cellCount()).isEqualTo(2000 * 2520);
    }

    private static double variance(double[] x) {
        double mean = Arrays.stream(x).average().orElseThrow();
        return Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / (x.length - 1);
    }

    private static double correlation(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElseThrow();
        double my = Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    @Test
    void aMarketLargerThanTheHeapIsRefusedBeforeAnythingIsAllocated() {
        long maxHeap = Runtime.getRuntime().maxMemory();
        int days = 100_000_000; // 1 asset x 1e8 days: 11 fields of 8 bytes a cell alone are 8.8 GB
        assertThat(11L * 8 * days).isGreaterThan(maxHeap); // the test JVM runs with -Xmx4g
        assertThatThrownBy(() -> SyntheticMarket.generate(1, days, 7))
                .isInstanceOf(com.optaic.common.OptaicException.class)
                .hasMessageContaining("1 assets x 100000000 days")
                .hasMessageContaining("needs about 18900 MB")
                .satisfies(e -> assertThat(((com.optaic.common.OptaicException) e).category())
                        .isEqualTo(com.optaic.common.ErrorCategory.INSUFFICIENT_RESOURCES));
    }
}
