package com.optaic.metadata.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronSyntaxTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "0 6 * * *",
                "*/15 9-16 * * MON-FRI",
                "0 0 1,15 * *",
                "@daily",
                "@YEARLY",
                "0 0 * JAN,jul 0",
                "5-55/10 * 1-31 1-12 0-7"
            })
    void acceptsFiveFieldExpressionsAndMacros(String cron) {
        assertThat(CronSyntax.check(cron)).isNotBlank();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "60 * * * *|minute field '60' out of range 0-59",
                "* 24 * * *|hour field '24' out of range 0-23",
                "* * 0 * *|day-of-month field '0' out of range 1-31",
                "* * * 13 *|month field '13' out of range 1-12",
                "* * * * FUNDAY|day-of-week field 'FUNDAY' not a number",
                "*/0 * * * *|step must be at least 1",
                "10-5 * * * *|range runs backwards",
                "* * * *|has 4 fields",
                "@sometimes|Unknown cron macro",
                "0 0 * * * ; DROP TABLE runs|has 9 fields"
            })
    void refusesWithTheField(String cron, String message) {
        assertThatThrownBy(() -> CronSyntax.check(cron)).hasMessageContaining(message);
    }
}
