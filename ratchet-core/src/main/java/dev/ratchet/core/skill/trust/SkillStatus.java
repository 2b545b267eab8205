package dev.ratchet.core.skill.trust;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a skill stands: {@code candidate} (captured or uploaded, not yet proven by replays), {@code trusted} (K
 * passing replays, or a person's approval: a planner may apply it without its model), {@code degraded} (its recent
 * replays fail too often: listed with the reason, never applied automatically).
 */
public enum SkillStatus {
    CANDIDATE, TRUSTED, DEGRADED;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static SkillStatus of(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
