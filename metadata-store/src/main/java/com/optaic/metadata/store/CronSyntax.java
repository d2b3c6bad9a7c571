package com.optaic.metadata.store;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a five-field cron expression (minute hour day-of-month month day-of-week) or one of the macros
 * {@code @hourly @daily @midnight @weekly @monthly @yearly @annually}. Fields take {@code *}, numbers, ranges
 * {@code a-b}, steps {@code x/n} and lists; months and weekdays also take three-letter names. The scheduler
 * interprets it; the store only refuses what no scheduler could read.
 */
final class CronSyntax {
    private static final List<String> MACROS =
            List.of("@hourly", "@daily", "@midnight", "@weekly", "@monthly", "@yearly", "@annually");
    private static final String[] FIELD_NAMES = {"minute", "hour", "day-of-month", "month", "day-of-week"};
    private static final int[][] BOUNDS = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}};
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("JAN", 1),
            Map.entry("FEB", 2),
            Map.entry("MAR", 3),
            Map.entry("APR", 4),
            Map.entry("MAY", 5),
            Map.entry("JUN", 6),
            Map.entry("JUL", 7),
            Map.entry("AUG", 8),
            Map.entry("SEP", 9),
            Map.entry("OCT", 10),
            Map.entry("NOV", 11),
            Map.entry("DEC", 12));
    private static final Map<String, Integer> DAYS =
            Map.of("SUN", 0, "MON", 1, "TUE", 2, "WED", 3, "THU", 4, "FRI", 5, "SAT", 6);

    private CronSyntax() {}

    static String check(String cron) {
        Inputs.text("Cron expression", cron, 200);
        String trimmed = cron.trim();
        if (trimmed.startsWith("@")) {
            if (!MACROS.contains(trimmed.toLowerCase(Locale.ROOT))) {
                throw Inputs.invalid("Unknown cron macro '" + trimmed + "'; known: " + String.join(" ", MACROS));
            }
            return trimmed.toLowerCase(Locale.ROOT);
        }
        String[] fields = trimmed.split("\\s+");
        if (fields.length != 5) {
            throw Inputs.invalid("Cron expression '" + cron + "' has " + fields.length
                    + " fields; expected 5: minute hour day-of-month month day-of-week");
        }
        for (int i = 0; i < 5; i++) {
            for (String part : fields[i].split(",", -1)) {
                checkPart(cron, i, part);
            }
        }
        return String.join(" ", fields);
    }

    private static void checkPart(String cron, int field, String part) {
        String range = part;
        int slash = part.indexOf('/');
        if (slash >= 0) {
            range = part.substring(0, slash);
            int step = number(cron, field, part.substring(slash + 1), false);
            if (step < 1) {
                throw bad(cron, field, part, "step must be at least 1");
            }
        }
        if (range.equals("*")) {
            return;
        }
        int dash = range.indexOf('-');
        if (dash >= 0) {
            int from = number(cron, field, range.substring(0, dash), true);
            int to = number(cron, field, range.substring(dash + 1), true);
            if (from > to) {
                throw bad(cron, field, part, "range runs backwards");
            }
        } else {
            number(cron, field, range, true);
        }
    }

    private static int number(String cron, int field, String text, boolean bounded) {
        String upper = text.toUpperCase(Locale.ROOT);
        Integer named = field == 3 ? MONTHS.get(upper) : field == 4 ? DAYS.get(upper) : null;
        int value;
        if (named != null) {
            value = named;
        } else {
            if (text.isEmpty() || !text.chars().allMatch(Character::isDigit) || text.length() > 4) {
                throw bad(cron, field, text, "not a number");
            }
            value = Integer.parseInt(text);
        }
        if (bounded && (value < BOUNDS[field][0] || value > BOUNDS[field][1])) {
            throw bad(cron, field, text, "out of range " + BOUNDS[field][0] + "-" + BOUNDS[field][1]);
        }
        return value;
    }

    private static RuntimeException bad(String cron, int field, String part, String why) {
        return Inputs.invalid(
                "Invalid cron expression '" + cron + "': " + FIELD_NAMES[field] + " field '" + part + "' " + why);
    }
}
