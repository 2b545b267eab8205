package dev.ratchet.skills.api;

import java.time.Instant;
import java.util.Map;

import dev.ratchet.skills.store.StoredSkill;

public record SkillView(String name, String description, String sessionId, String repo, int steps,
        Instant capturedAt, Map<String, String> links) {

    static SkillView of(StoredSkill s, String base) {
        String self = base + "/api/v1/skills/" + s.name();
        return new SkillView(s.name(), s.description(), s.sessionId(), s.repo(), s.steps(), s.capturedAt(),
                Map.of("self", self, "skillMd", self + "/SKILL.md"));
    }
}
