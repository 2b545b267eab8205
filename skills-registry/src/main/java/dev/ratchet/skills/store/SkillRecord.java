package dev.ratchet.skills.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.ratchet.core.skill.trust.SkillStatus;
import dev.ratchet.core.skill.trust.Standing;

/**
 * A skill's hash ({@code ratchet:skill:{name}}), field by field as {@code redis-cli HGETALL} shows it.
 *
 * @param origin {@code captured} (from a completed session) or {@code uploaded}
 * @param shape the plan shape key of a captured skill, null for an uploaded one
 * @param approvedAtReplay the replay count when a person approved it (-1: never); earlier replays no longer count
 * @param withdrawnAtReplay the replay count when a person withdrew their trust (-1: never, or approved since); earlier
 *        replays no longer count, so it is a candidate again until as many replays pass after it as make any skill
 *        trusted, or a person approves it again
 * @param team the team that owns it: the captured session's, or the uploader's; null for a skill stored before
 *        teams owned skills, which (like any unowned thing) only admin keys reach
 */
public record SkillRecord(String name, String description, SkillStatus status, String statusReason, int latest,
        String origin, Instant createdAt, Instant updatedAt, String shape, int approvedAtReplay, long replays,
        long passes, long tokens, long wallMs, String team, int withdrawnAtReplay) {

    /** A skill nobody withdrew trust from. */
    public SkillRecord(String name, String description, SkillStatus status, String statusReason, int latest,
            String origin, Instant createdAt, Instant updatedAt, String shape, int approvedAtReplay, long replays,
            long passes, long tokens, long wallMs, String team) {
        this(name, description, status, statusReason, latest, origin, createdAt, updatedAt, shape, approvedAtReplay,
                replays, passes, tokens, wallMs, team, -1);
    }

    public static final String CAPTURED = "captured";
    public static final String UPLOADED = "uploaded";

    public boolean approved() {
        return approvedAtReplay >= 0;
    }

    public boolean withdrawn() {
        return withdrawnAtReplay >= 0;
    }

    /** The replay count at a person's last word on it (approval or withdrawal); -1 when nobody had one. */
    public long decidedAtReplay() {
        return Math.max(approvedAtReplay, withdrawnAtReplay);
    }

    public SkillRecord withStanding(Standing standing) {
        return new SkillRecord(name, description, standing.status(), standing.reason(), latest, origin, createdAt,
                updatedAt, shape, approvedAtReplay, replays, passes, tokens, wallMs, team, withdrawnAtReplay);
    }

    public SkillRecord withVersion(int version, String newDescription, Instant at) {
        return new SkillRecord(name, newDescription, status, statusReason, version, origin, createdAt, at, shape,
                approvedAtReplay, replays, passes, tokens, wallMs, team, withdrawnAtReplay);
    }

    public SkillRecord touched(Instant at) {
        return new SkillRecord(name, description, status, statusReason, latest, origin, createdAt, at, shape,
                approvedAtReplay, replays, passes, tokens, wallMs, team, withdrawnAtReplay);
    }

    public SkillRecord approved(Instant at) {
        return new SkillRecord(name, description, status, statusReason, latest, origin, createdAt, at, shape,
                (int) replays, replays, passes, tokens, wallMs, team, -1);
    }

    /** A person's trust withdrawn: the approval gone, the replays so far no longer counting for it. */
    public SkillRecord withdrawn(Instant at) {
        return new SkillRecord(name, description, status, statusReason, latest, origin, createdAt, at, shape, -1,
                replays, passes, tokens, wallMs, team, (int) replays);
    }

    public SkillRecord replayed(boolean passed, long replayTokens, long replayWallMs, Instant at) {
        return new SkillRecord(name, description, status, statusReason, latest, origin, createdAt, at, shape,
                approvedAtReplay, replays + 1, passes + (passed ? 1 : 0), tokens + replayTokens,
                wallMs + replayWallMs, team, withdrawnAtReplay);
    }

    Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("description", description);
        f.put("status", status.json());
        f.put("statusReason", statusReason);
        f.put("latest", Integer.toString(latest));
        f.put("origin", origin);
        f.put("createdAt", createdAt.toString());
        f.put("updatedAt", updatedAt.toString());
        if (shape != null) {
            f.put("shape", shape);
        }
        f.put("approvedAtReplay", Integer.toString(approvedAtReplay));
        f.put("replays", Long.toString(replays));
        f.put("passes", Long.toString(passes));
        f.put("tokens", Long.toString(tokens));
        f.put("wallMs", Long.toString(wallMs));
        if (team != null) {
            f.put("team", team);
        }
        // Always written, -1 too: HSET leaves a field it is not given, and trusting again must clear a withdrawal.
        f.put("withdrawnAtReplay", Integer.toString(withdrawnAtReplay));
        return f;
    }

    static SkillRecord of(Map<String, String> f) {
        return new SkillRecord(f.get("name"), f.get("description"), SkillStatus.of(f.get("status")),
                f.get("statusReason"), Integer.parseInt(f.get("latest")), f.get("origin"),
                Instant.parse(f.get("createdAt")), Instant.parse(f.get("updatedAt")), f.get("shape"),
                Integer.parseInt(f.get("approvedAtReplay")), Long.parseLong(f.get("replays")),
                Long.parseLong(f.get("passes")), Long.parseLong(f.get("tokens")), Long.parseLong(f.get("wallMs")),
                f.get("team"), Integer.parseInt(f.getOrDefault("withdrawnAtReplay", "-1")));
    }
}
