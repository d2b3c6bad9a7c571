package com.optaic.common;

import static java.util.Objects.requireNonNull;

/**
 * The one unchecked exception OptAIC code throws on purpose. Its message is written for the user: it says
 * what could not be done and why, with the offending value and where it was (file and line, expression
 * position, field name). The {@link ErrorCode} tells callers how to react without parsing the message.
 */
public class OptaicException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public OptaicException(ErrorCode code, String message) {
        super(requireNonNull(message, "message is null"));
        this.code = requireNonNull(code, "code is null");
    }

    public OptaicException(ErrorCode code, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.code = requireNonNull(code, "code is null");
    }

    public ErrorCode code() {
        return code;
    }

    public ErrorCategory category() {
        return code.category();
    }

    public boolean isUserError() {
        return code.category() == ErrorCategory.USER_ERROR;
    }
}
