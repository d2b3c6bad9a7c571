package com.optaic.jobs.run;

import com.optaic.common.ErrorCode.RetryRule;
import com.optaic.common.OptaicException;
import com.optaic.jobs.Settings;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.dao.TransientDataAccessException;

/**
 * Retries transient failures with exponential backoff, up to {@code attempts} tries in all: an error whose code's
 * rule is {@link RetryRule#RETRYABLE}, or a transient database exception. Anything else fails at once, an
 * {@link RetryRule#OUTCOME_UNKNOWN} above all (a retry could publish twice).
 */
public record RetryPolicy(int attempts, Duration firstBackoff) {
    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
    }

    /** {@code OPTAIC_RUN_ATTEMPTS} (default 3) tries, the first backoff {@code OPTAIC_RUN_BACKOFF_MS} (default 500). */
    public static RetryPolicy fromEnvironment(Map<String, String> env) {
        int attempts = Settings.count(env, "OPTAIC_RUN_ATTEMPTS", 3, 1);
        long backoff = Settings.integer(env, "OPTAIC_RUN_BACKOFF_MS", 500, 0);
        return new RetryPolicy(attempts, Duration.ofMillis(backoff));
    }

    public <T> T call(Supplier<T> work) {
        long backoff = firstBackoff.toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (attempt >= attempts || !isTransient(e)) {
                    throw e;
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff *= 2;
            }
        }
    }

    public static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OptaicException optaic) {
                return optaic.code().retry() == RetryRule.RETRYABLE;
            }
            if (t instanceof TransientDataAccessException || t instanceof SQLTransientException) {
                return true;
            }
        }
        return false;
    }
}
