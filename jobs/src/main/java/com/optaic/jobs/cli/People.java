package com.optaic.jobs.cli;

import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.Optaic;
import com.optaic.metadata.Actor;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.Principal;
import com.optaic.metadata.Role;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the people commands share: naming a principal by email or id, a role, a validity, a principal's label. */
final class People {
    private static final Pattern VALIDITY = Pattern.compile("(\\d{1,6})([smhd])");

    private final Optaic optaic;
    private final Actor actor;
    private final Map<UUID, String> labels = new HashMap<>();

    People(Optaic optaic) {
        this.optaic = optaic;
        this.actor = optaic.actor();
    }

    Actor actor() {
        return actor;
    }

    /** The principal named by an email address or an id; not found (exit 3) when the tenant has none. */
    Principal principal(String emailOrId) {
        String text = emailOrId.strip();
        if (text.isEmpty()) {
            throw new OptaicException(JobsErrorCode.BAD_OPTION, "A principal is named by an email or an id, got ''");
        }
        if (!text.contains("@")) {
            try {
                return optaic.store().principals().get(actor, UUID.fromString(text));
            } catch (IllegalArgumentException notAnId) {
                throw new OptaicException(
                        JobsErrorCode.BAD_OPTION, "'" + text + "' is neither an email address nor a principal id");
            }
        }
        return optaic.store()
                .principals()
                .findByEmail(actor, text)
                .orElseThrow(() ->
                        new OptaicException(MetadataErrorCode.METADATA_NOT_FOUND, "No principal with email " + text));
    }

    /** The email (or display name for a service account) of a principal id, for tables. */
    String label(UUID principalId) {
        return labels.computeIfAbsent(principalId, id -> {
            try {
                Principal p = optaic.store().principals().get(actor, id);
                return p.email().orElse(p.displayName());
            } catch (OptaicException e) {
                return id.toString();
            }
        });
    }

    /** A node's name, or "?" for an ancestor the caller cannot read (a grant it inherits from above its reach). */
    String resourceName(UUID id) {
        try {
            return optaic.store().resources().get(actor, id).name();
        } catch (OptaicException e) {
            return "?";
        }
    }

    static Role role(String text) {
        try {
            return Role.fromWireName(text.strip());
        } catch (IllegalArgumentException e) {
            throw new OptaicException(
                    JobsErrorCode.BAD_OPTION,
                    "Unknown role '" + text + "'; the roles are owner, operator, viewer and auditor");
        }
    }

    /** A token's validity: {@code 90d}, {@code 12h}, {@code 30m} or {@code 45s}. */
    static Duration validity(String option, String text) {
        Matcher m = VALIDITY.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new OptaicException(
                    JobsErrorCode.BAD_OPTION,
                    option + " '" + text + "' is not a positive duration (90d, 12h, 30m or 45s)");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
