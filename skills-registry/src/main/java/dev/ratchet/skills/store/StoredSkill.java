package dev.ratchet.skills.store;

import java.time.Instant;

/** A captured skill as kept in Redis: its SKILL.md and where it came from. */
public record StoredSkill(String name, String description, String skillMd, String sessionId, String repo,
        int steps, Instant capturedAt) {
}
