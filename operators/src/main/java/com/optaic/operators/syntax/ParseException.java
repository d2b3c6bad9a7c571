package com.optaic.operators.syntax;

import com.optaic.common.ErrorCode;
import com.optaic.common.OptaicException;

/** A user error located in expression text; the message carries {@code where: what} and a caret line. */
public final class ParseException extends OptaicException {
    private static final long serialVersionUID = 1L;

    public ParseException(ErrorCode code, Source source, int offset, String what) {
        super(code, source.locate(offset) + ": " + what + "\n" + source.caret(offset));
    }
}
