package com.optaic.engine.io;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Parsing of numbers and dates straight from bytes of ASCII text. Results are exactly those of
 * {@link Double#parseDouble} and {@link LocalDate#of}, except that a decimal outside a double's range is refused
 * ({@link #OUT_OF_RANGE}); the fast paths only avoid building strings.
 */
final class TextValues {
    /**
     * The message of the NumberFormatException for a decimal outside a double's range: {@code 1e400} (which
     * {@link Double#parseDouble} reads as Infinity) or {@code 1e-400} (read as 0), refused like {@code inf}.
     */
    static final String OUT_OF_RANGE = "outside the range of a double";

    /** Returned by {@link #parseDay} for text that is not a date. */
    static final int NOT_A_DATE = Integer.MIN_VALUE;

    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        double power = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = power;
            power *= 10;
        }
    }

    private TextValues() {}

    /**
     * The double in {@code bytes[start, end)}, or throws NumberFormatException. Plain decimals with at most 15
     * significant digits and a small exponent take Clinger's exact fast path (both operands exact doubles, one
     * correctly rounded operation); anything else goes to {@link Double#parseDouble}.
     */
    static double parseDouble(byte[] bytes, int start, int end) {
        int i = start;
        boolean negative = false;
        if (i < end && (bytes[i] == '-' || bytes[i] == '+')) {
            negative = bytes[i] == '-';
            i++;
        }
        long mantissa = 0;
        int significantDigits = 0;
        int scale = 0;
        boolean anyDigit = false;
        boolean point = false;
        for (; i < end; i++) {
            byte b = bytes[i];
            if (b >= '0' && b <= '9') {
                anyDigit = true;
                if (mantissa != 0 || b != '0') {
                    if (++significantDigits > 15) {
                        return slowParse(bytes, start, end);
                    }
                    mantissa = mantissa * 10 + (b - '0');
                }
                if (point) {
                    scale--;
                }
            } else if (b == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (!anyDigit) {
            return slowParse(bytes, start, end);
        }
        if (i < end) {
            if (bytes[i] != 'e' && bytes[i] != 'E') {
                return slowParse(bytes, start, end);
            }
            i++;
            boolean negativeExponent = false;
            if (i < end && (bytes[i] == '-' || bytes[i] == '+')) {
                negativeExponent = bytes[i] == '-';
                i++;
            }
            if (i == end) {
                return slowParse(bytes, start, end);
            }
            int exponent = 0;
            for (; i < end; i++) {
                byte b = bytes[i];
                if (b < '0' || b > '9' || exponent > 1000) {
                    return slowParse(bytes, start, end);
                }
                exponent = exponent * 10 + (b - '0');
            }
            scale += negativeExponent ? -exponent : exponent;
        }
        double value;
        if (mantissa == 0) {
            value = 0;
        } else if (scale >= 0 && scale < POWERS_OF_TEN.length) {
            value = mantissa * POWERS_OF_TEN[scale];
        } else if (scale < 0 && -scale < POWERS_OF_TEN.length) {
            value = mantissa / POWERS_OF_TEN[-scale];
        } else {
            return slowParse(bytes, start, end);
        }
        return negative ? -value : value;
    }

    private static double slowParse(byte[] bytes, int start, int end) {
        String text = new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
        // parseDouble accepts Java suffixes and hex floats; a data file means neither.
        String trimmed = text.strip();
        char last = trimmed.isEmpty() ? ' ' : trimmed.charAt(trimmed.length() - 1);
        if (last == 'd'
                || last == 'D'
                || last == 'f'
                || last == 'F'
                || trimmed.indexOf('x') >= 0
                || trimmed.indexOf('X') >= 0) {
            throw new NumberFormatException(text);
        }
        double value = Double.parseDouble(text);
        // The literals Infinity and NaN (what CSV writers write for them) have no digit and stay as they are.
        if ((Double.isInfinite(value) && hasDigit(trimmed)) || (value == 0 && hasNonZeroDigit(trimmed))) {
            throw new NumberFormatException(OUT_OF_RANGE);
        }
        return value;
    }

    private static boolean hasDigit(String text) {
        return text.chars().anyMatch(c -> c >= '0' && c <= '9');
    }

    /** Whether the significand (the part before any exponent) has a digit other than 0. */
    private static boolean hasNonZeroDigit(String number) {
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c == 'e' || c == 'E') {
                return false;
            }
            if (c >= '1' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    /** Days since 1970-01-01 of an ISO {@code yyyy-MM-dd} or {@code yyyyMMdd} date, or {@link #NOT_A_DATE}. */
    static int parseDay(byte[] bytes, int start, int end) {
        int length = end - start;
        int year;
        int month;
        int day;
        if (length == 10 && bytes[start + 4] == '-' && bytes[start + 7] == '-') {
            year = digits(bytes, start, 4);
            month = digits(bytes, start + 5, 2);
            day = digits(bytes, start + 8, 2);
        } else if (length == 8) {
            year = digits(bytes, start, 4);
            month = digits(bytes, start + 4, 2);
            day = digits(bytes, start + 6, 2);
        } else {
            return NOT_A_DATE;
        }
        if (year < 0 || month < 0 || day < 0) {
            return NOT_A_DATE;
        }
        try {
            return (int) LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return NOT_A_DATE;
        }
    }

    static int parseDay(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return parseDay(bytes, 0, bytes.length);
    }

    private static int digits(byte[] bytes, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
