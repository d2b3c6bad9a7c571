package com.optaic.engine.synthetic;

import com.optaic.common.OptaicException;
import com.optaic.engine.EngineErrorCode;
import com.optaic.engine.data.Panel;
import com.optaic.engine.data.Panel.GroupColumn;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A seeded, reproducible market panel for tests, demos and benchmarks: daily bars on a Monday-to-Friday
 * calendar from 2010-01-04 with the numeric fields open, high, low, close, volume, vwap, returns and cap and
 * the nested groups sector (11 labels), industry (40) and subindustry (120), constant per asset.
 *
 * <p>Log returns are a market factor, a sector factor and idiosyncratic noise, each asset with its own
 * betas and volatility. Bars are consistent ({@code low <= open, close, vwap <= high}); volume is lognormal
 * and rises with the size of the day's move; cap is close times a fixed share count; returns is
 * close / previous close - 1, NaN on the first day. The same (assets, days, seed) always gives identical
 * arrays: every asset draws from its own generator derived from the seed, so assets are generated in parallel.
 */
public final class SyntheticMarket {
    public static final LocalDate FIRST_DATE = LocalDate.of(2010, 1, 4);
    public static final int SECTORS = 11;
    public static final int INDUSTRIES = 40;
    public static final int SUBINDUSTRIES = 120;

    /** Ragged markets: shares of assets listed late and delisted, the horizon of those dates, missing days. */
    static final double LATE_LISTING_SHARE = 0.3;

    static final double DELISTING_SHARE = 0.15;
    static final int EVENT_HORIZON_DAYS = 2520;
    static final int MIN_LISTED_DAYS = 60;
    static final double MISSING_DAY_PROBABILITY = 0.005;

    private static final double MARKET_VOLATILITY = 0.010;
    private static final double SECTOR_VOLATILITY = 0.006;

    private SyntheticMarket() {}

    /**
     * Generates {@code assets} assets named {@code A0000, A0001, ...} over {@code days} business days. Every cell
     * is present; {@link #generateRagged} adds listings, delistings and missing days.
     */
    public static Panel generate(int assets, int days, long seed) {
        return generate(assets, days, seed, 0, assets);
    }

    /**
     * Assets [assetFrom, assetTo) of the market of {@code assets} assets: the same arrays, cell for cell, as those
     * assets have in {@link #generate(int, int, long)}, so that a market can be generated in pieces (one Spark task
     * per piece) and give the same data as in one go.
     */
    public static Panel generate(int assets, int days, long seed, int assetFrom, int assetTo) {
        return generate(assets, days, seed, assetFrom, assetTo, false);
    }

    /**
     * A market whose assets come and go, as real ones do: besides the bars of {@link #generate(int, int, long)},
     * 30% of the assets list on a business day drawn within the first {@value #EVENT_HORIZON_DAYS} (absent before),
     * 15% delist at least {@value #MIN_LISTED_DAYS} days after listing (absent after), and every listed asset misses
     * a day with probability {@value #MISSING_DAY_PROBABILITY}. An absent cell is NaN in every field; returns are
     * close over the previous present close, NaN on an asset's first day. The events come from each asset's own
     * stream, drawn independently of {@code days}, so a longer market extends a shorter one here too.
     */
    public static Panel generateRagged(int assets, int days, long seed, int assetFrom, int assetTo) {
        return generate(assets, days, seed, assetFrom, assetTo, true);
    }

    /**
     * Refuses a market whose arrays cannot fit in the heap that is still free: 11 doubles and a presence flag a cell,
     * and a day's calendar entry and 12 factor values. Asking first gives a message naming the sizes instead of an
     * OutOfMemoryError part way through.
     */
    private static void requireHeapFor(int assets, int days) {
        long bytes = (11L * 8 + 1) * assets * days + (4L + 12 * 8) * days;
        Runtime runtime = Runtime.getRuntime();
        long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        if (bytes > free) {
            throw new OptaicException(
                    EngineErrorCode.NOT_ENOUGH_MEMORY,
                    "Cannot generate a synthetic market of "
                            + assets + " assets x " + days + " days: it needs about " + bytes / 1_000_000
                            + " MB and the"
                            + " heap has " + free / 1_000_000 + " MB free of its " + runtime.maxMemory() / 1_000_000
                            + " MB maximum; ask for fewer assets or days, or give the JVM more memory (-Xmx)");
        }
    }

    private static Panel generate(int assets, int days, long seed, int assetFrom, int assetTo, boolean ragged) {
        if (assets < 0 || days < 0) {
            throw new IllegalArgumentException("assets and days must not be negative: " + assets + ", " + days);
        }
        if (assetFrom < 0 || assetTo < assetFrom || assetTo > assets) {
            throw new IllegalArgumentException(
                    "asset range [" + assetFrom + ", " + assetTo + ") is not within the " + assets + " assets");
        }
        requireHeapFor(assetTo - assetFrom, days);
        int[] calendar = businessDays(FIRST_DATE, days);
        String[] assetIds = Arrays.copyOfRange(assetIds(assets), assetFrom, assetTo);
        int first = assetFrom;

        // Factor paths are shared by all assets, drawn once from their own stream.
        SplittableRandom factorRandom = new SplittableRandom(mix(seed, -1));
        double[] market = new double[days];
        double[][] sector = new double[SECTORS][days];
        for (int t = 0; t < days; t++) {
            market[t] = 0.0002 + MARKET_VOLATILITY * factorRandom.nextGaussian();
            for (int s = 0; s < SECTORS; s++) {
                sector[s][t] = SECTOR_VOLATILITY * factorRandom.nextGaussian();
            }
        }

        int cells = assetIds.length * days;
        boolean[] present = ragged ? new boolean[cells] : null;
        double[] open = new double[cells];
        double[] high = new double[cells];
        double[] low = new double[cells];
        double[] close = new double[cells];
        double[] volume = new double[cells];
        double[] vwap = new double[cells];
        double[] returns = new double[cells];
        double[] cap = new double[cells];
        double[] sectorCodes = new double[cells];
        double[] industryCodes = new double[cells];
        double[] subindustryCodes = new double[cells];

        IntStream.range(0, assetIds.length).parallel().forEach(a -> {
            SplittableRandom random = new SplittableRandom(mix(seed, first + a));
            int subindustry = random.nextInt(SUBINDUSTRIES);
            int industry = industryOf(subindustry);
            int sectorOfAsset = sectorOf(industry);
            double marketBeta = 0.6 + 0.8 * random.nextDouble();
            double sectorBeta = 0.5 + 0.7 * random.nextDouble();
            double idiosyncraticVolatility = (0.12 + 0.45 * random.nextDouble()) / Math.sqrt(252);
            double totalVolatility = Math.sqrt(square(marketBeta * MARKET_VOLATILITY)
                    + square(sectorBeta * SECTOR_VOLATILITY)
                    + square(idiosyncraticVolatility));
            double logVolumeMean = 13 + 1.2 * random.nextGaussian();
            double shares = Math.rint(Math.exp(18 + 1.1 * random.nextGaussian()));
            double logClose = 3.3 + 0.9 * random.nextGaussian();
            double previousClose = Math.exp(logClose);
            double[] sectorPath = sector[sectorOfAsset];
            int base = a * days;
            for (int t = 0; t < days; t++) {
                int cell = base + t;
                double shock = idiosyncraticVolatility * random.nextGaussian();
                double logReturn = marketBeta * market[t] + sectorBeta * sectorPath[t] + shock;
                logClose += logReturn;
                double closePrice = Math.exp(logClose);
                double gap = 0.3 * totalVolatility * random.nextGaussian();
                double openPrice = previousClose * (1 + Math.max(-0.5, Math.min(0.5, gap)));
                double upper = Math.max(openPrice, closePrice);
                double lower = Math.min(openPrice, closePrice);
                double highPrice = upper * (1 + Math.min(0.5, Math.abs(0.5 * totalVolatility * random.nextGaussian())));
                double lowPrice = lower * (1 - Math.min(0.5, Math.abs(0.5 * totalVolatility * random.nextGaussian())));
                double weight = Math.max(0.05, Math.min(0.95, 0.5 + 0.15 * random.nextGaussian()));
                double typical = lowPrice + (highPrice - lowPrice) * weight;
                double surprise = Math.abs(logReturn) / totalVolatility;
                double logVolume = logVolumeMean + 0.35 * (surprise - 0.8) + 0.4 * random.nextGaussian();

                open[cell] = openPrice;
                close[cell] = closePrice;
                high[cell] = highPrice;
                low[cell] = lowPrice;
                vwap[cell] = Math.max(lowPrice, Math.min(highPrice, typical));
                volume[cell] = Math.rint(Math.exp(logVolume));
                returns[cell] = t == 0 ? Double.NaN : closePrice / previousClose - 1;
                cap[cell] = closePrice * shares;
                previousClose = closePrice;
            }
            Arrays.fill(sectorCodes, base, base + days, sectorOfAsset);
            Arrays.fill(industryCodes, base, base + days, industry);
            Arrays.fill(subindustryCodes, base, base + days, subindustry);
            if (ragged) {
                boolean[] listed = listedDays(seed, first + a, days);
                System.arraycopy(listed, 0, present, base, days);
                double previousPresentClose = Double.NaN;
                for (int t = 0; t < days; t++) {
                    int cell = base + t;
                    if (listed[t]) {
                        returns[cell] = close[cell] / previousPresentClose - 1;
                        previousPresentClose = close[cell];
                    } else {
                        for (double[] field : new double[][] {
                            open,
                            high,
                            low,
                            close,
                            volume,
                            vwap,
                            returns,
                            cap,
                            sectorCodes,
                            industryCodes,
                            subindustryCodes
                        }) {
                            field[cell] = Double.NaN;
                        }
                    }
                }
            }
        });

        Map<String, double[]> numeric = new LinkedHashMap<>();
        numeric.put("open", open);
        numeric.put("high", high);
        numeric.put("low", low);
        numeric.put("close", close);
        numeric.put("volume", volume);
        numeric.put("vwap", vwap);
        numeric.put("returns", returns);
        numeric.put("cap", cap);
        Map<String, GroupColumn> groups = new LinkedHashMap<>();
        groups.put("sector", new GroupColumn(labels("S", SECTORS, 2), sectorCodes));
        groups.put("industry", new GroupColumn(labels("I", INDUSTRIES, 3), industryCodes));
        groups.put("subindustry", new GroupColumn(labels("U", SUBINDUSTRIES, 4), subindustryCodes));
        return new Panel(calendar, assetIds, present, numeric, groups);
    }

    /**
     * The days an asset of a ragged market has a row: from its listing through its delisting, less missing days.
     * Drawn from a stream of the asset's own, apart from its bars' (stream -3 - asset; bars use the asset, factors -1).
     */
    private static boolean[] listedDays(long seed, int asset, int days) {
        SplittableRandom events = new SplittableRandom(mix(seed, -3L - asset));
        int listing = events.nextDouble() < LATE_LISTING_SHARE ? events.nextInt(EVENT_HORIZON_DAYS) : 0;
        long delisting = events.nextDouble() < DELISTING_SHARE
                ? (long) listing + MIN_LISTED_DAYS + events.nextInt(EVENT_HORIZON_DAYS)
                : Long.MAX_VALUE;
        boolean[] listed = new boolean[days];
        for (int t = 0; t < days; t++) {
            boolean missing = events.nextDouble() < MISSING_DAY_PROBABILITY;
            listed[t] = t >= listing && t <= delisting && !missing;
        }
        return listed;
    }

    /** The industry a subindustry belongs to: three subindustries per industry. */
    public static int industryOf(int subindustry) {
        return subindustry / (SUBINDUSTRIES / INDUSTRIES);
    }

    /** The sector an industry belongs to: industries are dealt to sectors in contiguous runs of 3 or 4. */
    public static int sectorOf(int industry) {
        return industry * SECTORS / INDUSTRIES;
    }

    private static int[] businessDays(LocalDate first, int count) {
        int[] days = new int[count];
        LocalDate date = first;
        for (int i = 0; i < count; i++) {
            while (date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY) {
                date = date.plusDays(1);
            }
            days[i] = (int) date.toEpochDay();
            date = date.plusDays(1);
        }
        return days;
    }

    /** Ids of one width, so that their sorted order is their numeric order. */
    private static String[] assetIds(int count) {
        int width = Math.max(4, String.valueOf(Math.max(0, count - 1)).length());
        String[] ids = new String[count];
        for (int a = 0; a < count; a++) {
            StringBuilder id = new StringBuilder("A");
            String number = Integer.toString(a);
            id.append("0".repeat(width - number.length())).append(number);
            ids[a] = id.toString();
        }
        return ids;
    }

    /** Labels like {@code S00..S10}, fixed width so that their sorted order is their code order. */
    private static String[] labels(String prefix, int count, int width) {
        String[] labels = new String[count];
        for (int i = 0; i < count; i++) {
            String number = Integer.toString(i);
            labels[i] = prefix + "0".repeat(width - number.length()) + number;
        }
        return labels;
    }

    /**
     * A well-mixed seed per (seed, stream): SplittableRandom seeds that differ by its gamma give the same
     * sequence shifted by one, so seed + asset would correlate neighbouring assets.
     */
    private static long mix(long seed, long stream) {
        long z = seed + 0x9E3779B97F4A7C15L * (stream + 2);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double square(double x) {
        return x * x;
    }
}
