package dev.ratchet.core.skill.capture;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.ratchet.core.skill.Digests;
import dev.ratchet.core.skill.RatchetSkill;
import dev.ratchet.core.skill.SkillDocument;

/**
 * A skill made from one completed session: its SKILL.md, the shape that decides which existing skill it folds into,
 * and the session's figures, which become one statistic of that skill.
 */
public record Capture(SkillDocument document, PlanShape shape, Statistic statistic) {

    /** One session that proved the skill: when, its cost, and how hard its steps were. */
    public record Statistic(String sessionId, Instant completedAt, int steps, int attempts, int tokensIn,
            int tokensOut, long durationMs) {
    }

    /**
     * The content without the session it came from: two sessions that produce the same skill have the same key, so
     * the second adds a statistic rather than a version.
     */
    public String contentKey() {
        return contentKey(document);
    }

    /** {@link #contentKey()} of any skill's document (a stored version's, to compare with a new capture). */
    public static String contentKey(SkillDocument document) {
        Map<String, String> metadata = new LinkedHashMap<>(document.metadata());
        metadata.remove(RatchetSkill.SOURCE_SESSION);
        return Digests.sha256(new SkillDocument(document.name(), document.description(), document.license(),
                document.compatibility(), metadata, document.allowedTools(), document.body()).render());
    }

    /** The same capture under another name (its folder's), for folding into an existing skill. */
    public Capture named(String name) {
        return new Capture(new SkillDocument(name, document.description(), document.license(),
                document.compatibility(), document.metadata(), document.allowedTools(), document.body()), shape,
                statistic);
    }
}
