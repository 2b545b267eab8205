package dev.ratchet.core.usage;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * One team's usage on one UTC day ({@code GET /api/v1/usage}): tokens per model role, sessions started and steps
 * verified. A day with nothing stored reads as zeros.
 */
public record DayUsage(LocalDate day, Map<String, RoleTokens> roles, long sessions, long verifiedSteps) {

    /** A day read back from its hash's fields ({@link UsageCounters}); unreadable numbers count as zero. */
    public static DayUsage of(LocalDate day, Map<String, String> fields) {
        Map<String, RoleTokens> roles = new TreeMap<>();
        for (String role : new String[] {UsageCounters.PLANNER, UsageCounters.EXECUTOR}) {
            roles.put(role, new RoleTokens(number(fields, role + UsageCounters.IN),
                    number(fields, role + UsageCounters.OUT)));
        }
        return new DayUsage(day, roles, number(fields, UsageCounters.SESSIONS),
                number(fields, UsageCounters.VERIFIED_STEPS));
    }

    /** Every role's tokens, in and out. */
    public long tokens() {
        return roles.values().stream().mapToLong(RoleTokens::total).sum();
    }

    private static long number(Map<String, String> fields, String name) {
        String value = fields.get(name);
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
