package dev.ratchet.core.usage;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.ratchet.core.event.Usage;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.Transition;

/**
 * A team's usage of one day as the fields of a Redis hash, and what one stored decision adds to them. The planner
 * adds the increments in the same transaction that stores the decision, so a replayed or ignored event (which stores
 * nothing) counts nothing, and a stored one counts exactly once. Fields: {@code <role>.tokensIn},
 * {@code <role>.tokensOut} per model role ({@value #PLANNER}, {@value #EXECUTOR}), {@value #SESSIONS} started and
 * {@value #VERIFIED_STEPS} (every verification a session accepted, a redone step again).
 */
public final class UsageCounters {

    public static final String PLANNER = "planner";
    public static final String EXECUTOR = "executor";
    public static final String SESSIONS = "sessions";
    public static final String VERIFIED_STEPS = "verifiedSteps";
    static final String IN = ".tokensIn";
    static final String OUT = ".tokensOut";

    private UsageCounters() {
    }

    /** What a new session adds: one session started. */
    public static Map<String, Long> created() {
        return Map.of(SESSIONS, 1L);
    }

    /**
     * What the stored decision {@code applied} adds to its day, given the session as it was before: the tokens its
     * planner and attempts gained, and a verified step when it accepted one. Only non-zero increments.
     */
    public static Map<String, Long> applied(Session before, Transition applied) {
        Session after = applied.session();
        Map<String, Long> out = new LinkedHashMap<>();
        add(out, PLANNER, before.plannerUsage(), after.plannerUsage());
        add(out, EXECUTOR, before.usage(), after.usage());
        if (applied.accepted().isPresent()) {
            out.put(VERIFIED_STEPS, 1L);
        }
        return out;
    }

    /** The tokens of every role that {@code fields} (one day's hash) counted. */
    public static long tokens(Map<String, String> fields) {
        return DayUsage.of(null, fields).tokens();
    }

    private static void add(Map<String, Long> out, String role, Usage before, Usage after) {
        // Attempts are only ever added to a session, never taken away; max() keeps a counter from going back anyway.
        long in = Math.max(0, (long) after.tokensIn() - before.tokensIn());
        long tokensOut = Math.max(0, (long) after.tokensOut() - before.tokensOut());
        if (in > 0) {
            out.put(role + IN, in);
        }
        if (tokensOut > 0) {
            out.put(role + OUT, tokensOut);
        }
    }
}
