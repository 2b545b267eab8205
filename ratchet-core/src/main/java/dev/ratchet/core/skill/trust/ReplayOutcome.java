package dev.ratchet.core.skill.trust;

import java.time.Instant;

/**
 * How one session that replayed a skill ended.
 *
 * @param sessionId the replaying session; a skill counts each session's outcome once
 * @param version the skill version that was replayed
 * @param passed every step verified
 * @param tokens model tokens the session used (in and out)
 * @param wallMs the session's wall time
 * @param reason why it failed (null when it passed)
 */
public record ReplayOutcome(String sessionId, int version, boolean passed, long tokens, long wallMs, String reason,
        Instant at) {
}
