package dev.ratchet.skills.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.ratchet.core.skill.capture.Capture;
import dev.ratchet.core.skill.trust.SkillStatus;
import dev.ratchet.skills.store.CaptureEntry;
import dev.ratchet.skills.store.SkillRecord;
import dev.ratchet.skills.store.VersionRecord;

/** The JSON the skills API answers with. */
final class SkillViews {

    private SkillViews() {
    }

    /** A skill in a list. */
    record Summary(String name, String description, SkillStatus status, String statusReason, int latest,
            String origin, String sourceSession, Instant updatedAt, Map<String, String> links) {
    }

    /** A page of the list; {@code nextCursor} is null on the last page. */
    record Page(List<Summary> items, String nextCursor) {
    }

    /**
     * One skill in full.
     *
     * @param sourceSession the session the latest version was captured from, or {@code upload}
     */
    record Detail(String name, String description, SkillStatus status, String statusReason, String origin,
            int latest, String sourceSession, Instant createdAt, Instant updatedAt, Stats stats,
            List<VersionRecord> versions, List<CaptureView> captures, Map<String, String> links) {
    }

    /**
     * @param captures sessions captured into the skill (each one statistic)
     * @param passRate null before the first replay
     */
    record Stats(int captures, long replays, long passes, Double passRate, Long meanTokens, Long meanWallMs) {

        static Stats of(SkillRecord r, int captures) {
            return new Stats(captures, r.replays(), r.passes(), r.replays() == 0 ? null
                    : Math.round(1000.0 * r.passes() / r.replays()) / 1000.0,
                    r.replays() == 0 ? null : r.tokens() / r.replays(),
                    r.replays() == 0 ? null : r.wallMs() / r.replays());
        }
    }

    /** One session captured into the skill. */
    record CaptureView(String sessionId, int version, Instant completedAt, int steps, int attempts, int tokensIn,
            int tokensOut, long durationMs) {

        static CaptureView of(CaptureEntry c) {
            Capture.Statistic s = c.statistic();
            return new CaptureView(s.sessionId(), c.version(), s.completedAt(), s.steps(), s.attempts(),
                    s.tokensIn(), s.tokensOut(), s.durationMs());
        }
    }

    /** What an upload did: a 201 with a new version, a 200 when the content was already the latest. */
    record Upload(String name, int version, boolean newVersion, boolean newSkill, Map<String, String> links) {
    }

    static Map<String, String> links(String base, String name) {
        String self = base + "/api/v1/skills/" + name;
        return Map.of("self", self, "skillMd", self + "/SKILL.md", "archive", self + "/archive");
    }

    static Summary summary(SkillRecord r, VersionRecord latest, String base) {
        return new Summary(r.name(), r.description(), r.status(), r.statusReason(), r.latest(), r.origin(),
                latest == null ? null : latest.source(), r.updatedAt(), links(base, r.name()));
    }

    static Detail detail(SkillRecord r, Map<Integer, VersionRecord> versions, List<CaptureEntry> captures,
            String base) {
        VersionRecord latest = versions.get(r.latest());
        return new Detail(r.name(), r.description(), r.status(), r.statusReason(), r.origin(), r.latest(),
                latest == null ? null : latest.source(), r.createdAt(), r.updatedAt(), Stats.of(r, captures.size()),
                List.copyOf(versions.values()), captures.stream().map(CaptureView::of).toList(),
                links(base, r.name()));
    }
}
