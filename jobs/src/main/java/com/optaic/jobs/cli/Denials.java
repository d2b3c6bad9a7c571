package com.optaic.jobs.cli;

import com.optaic.common.ErrorCode;
import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.Optaic;
import com.optaic.metadata.MetadataErrorCode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Records a command's refusal in the store's denial log (issue 14, item 5): permission denied, not found (perhaps
 * because hidden from the caller), a bad or blank token; with the command as the operation and the first id among
 * its arguments as the target. Recording never hides the refusal itself: a failure to record is attached to it.
 */
final class Denials {
    private Denials() {}

    static void record(Optaic optaic, CommandSpec spec, Map<String, String> env, OptaicException refusal) {
        ErrorCode code = refusal.code();
        try {
            if (code == MetadataErrorCode.PERMISSION_DENIED || code == MetadataErrorCode.METADATA_NOT_FOUND) {
                optaic.store().denials().denied(optaic.actor(), operation(spec), target(spec), reason(refusal));
            } else if (code == JobsErrorCode.BAD_TOKEN) {
                optaic.store()
                        .denials()
                        .badToken(env.getOrDefault("OPTAIC_TOKEN", ""), operation(spec), reason(refusal));
            }
        } catch (RuntimeException failure) {
            refusal.addSuppressed(failure);
        }
    }

    /** A blank token is refused before the store opens: it is recorded through a store opened without it. */
    static void blankToken(Map<String, String> env, CommandSpec spec, OptaicException refusal) {
        Map<String, String> withoutToken = new HashMap<>(env);
        withoutToken.remove("OPTAIC_TOKEN");
        try (Optaic optaic = Optaic.open(withoutToken)) {
            optaic.store().denials().badToken("", operation(spec), reason(refusal));
        } catch (RuntimeException failure) {
            refusal.addSuppressed(failure);
        }
    }

    private static String reason(OptaicException refusal) {
        return refusal.code().name() + ": " + refusal.getMessage();
    }

    private static String operation(CommandSpec spec) {
        String name = spec.qualifiedName(" ");
        return name.startsWith("optaic ") ? name.substring("optaic ".length()) : name;
    }

    /** The first id among the command's positional parameters, else its options. */
    private static Optional<UUID> target(CommandSpec spec) {
        for (ArgSpec arg : spec.positionalParameters()) {
            if (arg.getValue() instanceof UUID id) {
                return Optional.of(id);
            }
        }
        for (ArgSpec arg : spec.options()) {
            if (arg.getValue() instanceof UUID id) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }
}
