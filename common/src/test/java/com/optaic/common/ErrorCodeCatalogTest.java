package com.optaic.common;

import static com.optaic.common.ErrorCategory.USER_ERROR;
import static com.optaic.common.ErrorCode.RetryRule.NEVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ErrorCodeCatalogTest {
    @Test
    void listsCodesByNumberWithTheirExitCodeAndStatus() {
        ErrorCodeCatalog catalog = ErrorCodeCatalog.of(Second.class, First.class);
        assertThat(catalog.codes()).containsExactly(First.A, First.B, Second.C);
        assertThat(catalog.markdown()).contains("| 1001 | `A` | USER_ERROR | 2 | 400 | NEVER | first a |");
    }

    @Test
    void refusesTwoCodesWithOneNumber() {
        assertThatThrownBy(() -> ErrorCodeCatalog.of(SameNumber.class))
                .hasMessage("SameNumber.Y (1001) and SameNumber.X (1001) share number 1001");
    }

    @Test
    void refusesOneNameInTwoEnums() {
        assertThatThrownBy(() -> ErrorCodeCatalog.of(First.class, NameOfFirst.class))
                .hasMessage("NameOfFirst.A (2005) and First.A (1001) share name A");
    }

    @Test
    void refusesTwoEnumsInOneRangeAndNumbersOutsideTheRange() {
        assertThatThrownBy(() -> ErrorCodeCatalog.of(First.class, SameNumber.class))
                .hasMessageContaining("share range METADATA");
        assertThatThrownBy(() -> ErrorCodeCatalog.of(Straddling.class))
                .hasMessage("Straddling.OUT (2001) is outside Straddling's range METADATA (1000..1999)");
    }

    private enum First implements Code {
        A(1001, "first a"),
        B(1002, "first b");

        private final int number;
        private final String description;

        First(int number, String description) {
            this.number = number;
            this.description = description;
        }

        @Override
        public int number() {
            return number;
        }

        @Override
        public String description() {
            return description;
        }
    }

    private enum Second implements Code {
        C;

        @Override
        public int number() {
            return 2001;
        }
    }

    private enum SameNumber implements Code {
        X,
        Y;

        @Override
        public int number() {
            return 1001;
        }
    }

    private enum NameOfFirst implements Code {
        A;

        @Override
        public int number() {
            return 2005;
        }
    }

    private enum Straddling implements Code {
        IN,
        OUT;

        @Override
        public int number() {
            return this == IN ? 1999 : 2001;
        }
    }

    /** Test codes: user errors, never retried, described by their name. */
    private interface Code extends ErrorCode {
        @Override
        default ErrorCategory category() {
            return USER_ERROR;
        }

        @Override
        default RetryRule retry() {
            return NEVER;
        }

        @Override
        default String description() {
            return name();
        }
    }
}
