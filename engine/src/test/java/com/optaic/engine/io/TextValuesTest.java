package com.optaic.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TextValuesTest {
    @Test
    void parsesExactlyLikeDoubleParseDouble() {
        SplittableRandom random = new SplittableRandom(3);
        String[] fixed = {
            "0",
            "-0",
            "-0.0",
            "1",
            "+1",
            "1.",
            ".5",
            "0.1",
            "0.30000000000000004",
            "123456789012345",
            "1234567890123456",
            "9007199254740993",
            "1e22",
            "1e23",
            "1e-22",
            "1e-23",
            "4.9E-324",
            "1.7976931348623157E308",
            "2.5E-5",
            "000123.4500",
            "NaN",
            "-Infinity",
            " 7.5 ",
            "1E+05",
            "99999999999999.99"
        };
        for (String text : fixed) {
            assertSameAsJdk(text);
        }
        for (int i = 0; i < 200_000; i++) {
            double value = switch (i % 4) {
                case 0 -> random.nextDouble();
                case 1 -> Math.round(random.nextDouble() * 1e6) / 100.0;
                case 2 -> Double.longBitsToDouble(random.nextLong());
                default -> (random.nextInt(2_000_000) - 1_000_000) / Math.pow(10, random.nextInt(12));
            };
            assertSameAsJdk(Double.toString(value));
            assertSameAsJdk(String.format(Locale.ROOT, "%.6f", value));
        }
    }

    @Test
    void refusesDecimalsOutsideTheRangeOfADoubleButReadsTheLiterals() {
        for (String text : new String[] {"1e400", "-1e400", "1e-400", "-1e-400", "0.00001e-330", "123456789e999"}) {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            assertThatThrownBy(() -> TextValues.parseDouble(bytes, 0, bytes.length))
                    .as(text)
                    .isInstanceOf(NumberFormatException.class)
                    .hasMessage(TextValues.OUT_OF_RANGE);
        }
        for (String text : new String[] {"Infinity", "-Infinity", "NaN", "0e-400", "4.9e-324", "0.000"}) {
            assertSameAsJdk(text);
        }
    }

    @Test
    void rejectsJavaOnlySyntax() {
        for (String text : new String[] {"1d", "2F", "0x1p3", "abc", "", "-", "1e", "1.2.3"}) {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            assertThatThrownBy(() -> TextValues.parseDouble(bytes, 0, bytes.length))
                    .as(text)
                    .isInstanceOf(NumberFormatException.class);
        }
    }

    @Test
    void parsesIsoAndCompactDates() {
        assertThat(TextValues.parseDay("2020-02-29"))
                .isEqualTo(LocalDate.of(2020, 2, 29).toEpochDay());
        assertThat(TextValues.parseDay("19691231")).isEqualTo(-1);
        assertThat(TextValues.parseDay("2019-02-29")).isEqualTo(TextValues.NOT_A_DATE);
        assertThat(TextValues.parseDay("2020-1-01")).isEqualTo(TextValues.NOT_A_DATE);
        assertThat(TextValues.parseDay("2020/01/01")).isEqualTo(TextValues.NOT_A_DATE);
    }

    @Test
    void hybridRleRoundTrips() {
        SplittableRandom random = new SplittableRandom(9);
        for (int trial = 0; trial < 500; trial++) {
            int count = random.nextInt(3000);
            int bitWidth = 1 + random.nextInt(20);
            int[] values = new int[count];
            for (int i = 0; i < count; i++) {
                values[i] = random.nextInt(4) == 0 && i > 0 ? values[i - 1] : random.nextInt(1 << bitWidth);
                if (trial % 3 == 0 && i > 10 && i < 200) {
                    values[i] = 1;
                }
            }
            ByteBuffer buffer = ByteBuffer.allocate(HybridRle.maxEncodedSize(count, bitWidth));
            HybridRle.encode(values, count, bitWidth, buffer);
            buffer.flip();
            int[] decoded = new int[count];
            HybridRle.decode(buffer, bitWidth, decoded, 0, count);
            assertThat(decoded).as("trial %d", trial).containsExactly(values);
        }
    }

    private static void assertSameAsJdk(String text) {
        byte[] bytes = ("xx" + text + "yy").getBytes(StandardCharsets.US_ASCII);
        double parsed = TextValues.parseDouble(bytes, 2, bytes.length - 2);
        assertThat(Double.doubleToRawLongBits(parsed))
                .as(text)
                .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
    }
}
