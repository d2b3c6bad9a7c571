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

    private enum First implements ErrorCode {
        A(1001, "first a"),
        B(1002, "first b");

        private final Details details;

        First(int number, String description) {
            this.details = new Details(number, USER_ERROR, NEVER, description);
        }

        @Override
        public Details details() {
            return details;
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

    /** Test codes whose number the enum gives: user errors, never retried, described by their name. */
    private interface Code extends ErrorCode {
        @Override
        int number();

        @Override
        default Details details() {
            return new Details(number(), USER_ERROR, NEVER, name());
        }
    }
}
