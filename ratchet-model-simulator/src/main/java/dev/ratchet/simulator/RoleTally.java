package dev.ratchet.simulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Requests and tokens per role, the role a client names in the {@value SimulatedModelServer#ROLE_HEADER} header
 * (Ratchet's local cluster sends it for each simulated role), so that a test or the demo can count, say, the
 * planner's calls alone. A missing or malformed role counts as {@value #UNLABELLED}; at most {@value #MAX_ROLES}
 * roles are kept, any further ones counting as unlabelled too, so a client cannot grow the table.
 */
final class RoleTally {

    static final String UNLABELLED = "unlabelled";
    static final int MAX_ROLES = 16;
    private static final Pattern ROLE = Pattern.compile("[a-z0-9-]{1,32}");

    private final Map<String, Counts> roles = new ConcurrentHashMap<>();

    private static final class Counts {
        final AtomicLong requests = new AtomicLong();
        final AtomicLong promptTokens = new AtomicLong();
        final AtomicLong completionTokens = new AtomicLong();
    }

    /** Counts a request as it arrives; returns the role it was counted under. */
    String request(String header) {
        String role = header != null && ROLE.matcher(header).matches() ? header : UNLABELLED;
        if (!roles.containsKey(role) && roles.size() >= MAX_ROLES) {
            role = UNLABELLED;
        }
        roles.computeIfAbsent(role, r -> new Counts()).requests.incrementAndGet();
        return role;
    }

    /** Tokens of an answer sent (a scripted error sends none). */
    void answered(String role, int promptTokens, int completionTokens) {
        Counts counts = roles.computeIfAbsent(role, r -> new Counts());
        counts.promptTokens.addAndGet(promptTokens);
        counts.completionTokens.addAndGet(completionTokens);
    }

    SimulatedModelServer.RoleUsage usage(String role) {
        Counts c = roles.get(role);
        return c == null ? new SimulatedModelServer.RoleUsage(0, 0, 0)
                : new SimulatedModelServer.RoleUsage(c.requests.get(), c.promptTokens.get(), c.completionTokens.get());
    }
}
