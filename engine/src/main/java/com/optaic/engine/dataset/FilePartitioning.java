package com.optaic.engine.dataset;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a write splits its dates into data files, so that a date range is read from the few files that hold it:
 * one file per calendar year (the default), per calendar month, or per run of N consecutive dates. An append
 * splits only its own new dates, so appending one day writes one file; a later rebuild compacts.
 */
public record FilePartitioning(Unit unit, int dates) {
    /** The unit a file covers. */
    public enum Unit {
        YEAR,
        MONTH,
        /** {@link #dates()} consecutive dates with rows. */
        DATES
    }

    public FilePartitioning {
        requireNonNull(unit, "unit is null");
        if (unit == Unit.DATES ? dates < 1 : dates != 0) {
            throw new IllegalArgumentException("a partitioning by " + unit + " takes "
                    + (unit == Unit.DATES ? "a positive number of dates" : "no number of dates") + ", not " + dates);
        }
    }

    public static FilePartitioning byYear() {
        return new FilePartitioning(Unit.YEAR, 0);
    }

    public static FilePartitioning byMonth() {
        return new FilePartitioning(Unit.MONTH, 0);
    }

    public static FilePartitioning everyDates(int dates) {
        return new FilePartitioning(Unit.DATES, dates);
    }

    /**
     * Groups sorted epoch days into files: the result holds, per file, the index range [from, to) into
     * {@code days}.
     */
    public List<int[]> split(int[] days) {
        List<int[]> ranges = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= days.length; i++) {
            if (i == days.length || startsNewFile(days, from, i)) {
                if (i > from) {
                    ranges.add(new int[] {from, i});
                }
                from = i;
            }
        }
        return ranges;
    }

    /**
     * The unit holding {@code date} (a year, or a year and month), comparable by equality; empty for a partitioning
     * by a number of dates, whose units depend on the whole calendar.
     */
    public Optional<Object> unitOf(LocalDate date) {
        return switch (unit) {
            case YEAR -> Optional.of(date.getYear());
            case MONTH -> Optional.of(YearMonth.from(date));
            case DATES -> Optional.empty();
        };
    }

    private boolean startsNewFile(int[] days, int from, int i) {
        LocalDate first = LocalDate.ofEpochDay(days[from]);
        LocalDate date = LocalDate.ofEpochDay(days[i]);
        return switch (unit) {
            case YEAR -> date.getYear() != first.getYear();
            case MONTH -> date.getYear() != first.getYear() || date.getMonth() != first.getMonth();
            case DATES -> i - from >= dates;
        };
    }
}
