package com.optaic.jobs.cli;

import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A synthetic market named on the command line as {@code ASSETSxDAYS[:SEED]} (seed 42 when not given). */
record SyntheticArgument(int assets, int days, long seed) {
    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,9})x(\\d{1,9})(?::(-?\\d{1,18}))?");
    /** More cells than a panel in memory should hold. */
    private static final long MAX_CELLS = 200_000_000L;

    static SyntheticArgument parse(String text) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new OptaicException(
                    JobsErrorCode.BAD_OPTION, "--synthetic '" + text + "' is not ASSETSxDAYS[:SEED], e.g. 500x756:42");
        }
        int assets = Integer.parseInt(m.group(1));
        int days = Integer.parseInt(m.group(2));
        if (assets < 1 || days < 1 || (long) assets * days > MAX_CELLS) {
            throw new OptaicException(
                    JobsErrorCode.BAD_OPTION,
                    "--synthetic " + text + ": need at least 1 asset and 1 day, and at most 200 million cells");
        }
        return new SyntheticArgument(assets, days, m.group(3) == null ? 42 : Long.parseLong(m.group(3)));
    }
}
