package com.optaic.operators;

import static com.optaic.common.ErrorCategory.*;
import static com.optaic.common.ErrorCode.RetryRule.*;

import com.optaic.common.ErrorCategory;
import com.optaic.common.ErrorCode;
import com.optaic.common.ErrorCodeRange;

/** The error codes of the expression language: parsing, compiling and expression files. Numbers in {@link ErrorCodeRange#OPERATORS}; a number, once released, is never reused. */
public enum OperatorsErrorCode implements ErrorCode {
    EXPRESSION_SYNTAX(2001, USER_ERROR, NEVER, "An expression that does not parse; the message gives line and column."),
    EXPRESSION_FILE(2002, USER_ERROR, NEVER, "An expression file with a malformed line."),
    UNKNOWN_NAME(2003, USER_ERROR, NEVER, "An expression names an operator, field or macro nobody defines."),
    BAD_ARGUMENTS(2004, USER_ERROR, NEVER, "An operator called with the wrong number or kind of arguments."),
    FUTURE_READ(2005, USER_ERROR, NEVER, "An expression reads the future (a negative lag) outside a label."),
    BAD_DEFINITION(2006, USER_ERROR, NEVER, "A macro or named definition that is malformed or recursive."),
    UNKNOWN_OPERATOR(2007, USER_ERROR, NEVER, "No operator of that name is registered."),
    EXPRESSION_TOO_DEEP(
            2008,
            USER_ERROR,
            NEVER,
            "An expression nested deeper than the parser or compiler accepts; the message names the limit."),
    EXPRESSION_TOO_LARGE(
            2009,
            USER_ERROR,
            NEVER,
            "An expression whose macros expand to more operations than the compiler accepts; the message names the limit.");

    private final Details details;

    OperatorsErrorCode(int number, ErrorCategory category, RetryRule retry, String description) {
        this.details = new Details(number, category, retry, description);
    }

    @Override
    public Details details() {
        return details;
    }
}
