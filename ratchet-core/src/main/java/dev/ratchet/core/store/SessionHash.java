package dev.ratchet.core.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.json.Json;
import dev.ratchet.core.session.Revision;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.SessionStatus;
import dev.ratchet.core.session.StepPolicy;
import dev.ratchet.core.session.StepState;
import dev.ratchet.core.session.Steering;

/**
 * A session as the fields of its Redis hash. Scalars are plain fields (readable with {@code redis-cli HGETALL});
 * the checks, the step policy (with the budget), the steps with their attempts, the steering (approval mode,
 * directives), the planner model's usage and the
 * re-plannings ({@code revisions}) are JSON fields. The planner writes it; executors
 * and verifiers read it, to take what they need (repository, base commit, checks, guardrails) from stored state
 * rather than from an event.
 */
public final class SessionHash {

    private static final TypeReference<List<Check>> CHECKS = new TypeReference<>() {
    };
    private static final TypeReference<List<StepState>> STEPS = new TypeReference<>() {
    };
    private static final TypeReference<List<Revision>> REVISIONS = new TypeReference<>() {
    };

    private SessionHash() {
    }

    public static Map<String, String> fields(Session s) {
        Map<String, String> f = new HashMap<>();
        f.put("id", s.id());
        f.put("repo", s.repo());
        f.put("goal", s.goal());
        f.put("baseCommit", s.baseCommit());
        f.put("checks", Json.write(s.checks()));
        f.put("policy", Json.write(s.policy()));
        f.put("status", s.status().name());
        f.put("steps", Json.write(s.steps()));
        f.put("currentStep", Integer.toString(s.currentStep()));
        f.put("createdAt", s.createdAt().toString());
        f.put("updatedAt", s.updatedAt().toString());
        f.put("finishedAt", s.finishedAt() == null ? "" : s.finishedAt().toString());
        f.put("failureReason", s.failureReason() == null ? "" : s.failureReason());
        f.put("planningResumes", Integer.toString(s.planningResumes()));
        f.put("plannedFrom", s.plannedFrom() == null ? "" : s.plannedFrom());
        f.put("steering", Json.write(s.steering()));
        f.put("version", Long.toString(s.version()));
        f.put("plannerUsage", Json.write(s.plannerUsage()));
        f.put("revisions", Json.write(s.revisions()));
        return f;
    }

    public static Session session(Map<String, String> f) {
        try {
            return new Session(f.get("id"), f.get("repo"), f.get("goal"), f.get("baseCommit"),
                    Json.mapper().readValue(f.get("checks"), CHECKS),
                    f.containsKey("policy") ? Json.read(f.get("policy"), StepPolicy.class) : StepPolicy.DEFAULTS,
                    SessionStatus.valueOf(f.get("status")),
                    Json.mapper().readValue(f.get("steps"), STEPS), Integer.parseInt(f.get("currentStep")),
                    Instant.parse(f.get("createdAt")), Instant.parse(f.get("updatedAt")),
                    blank(f.get("finishedAt")) ? null : Instant.parse(f.get("finishedAt")),
                    blank(f.get("failureReason")) ? null : f.get("failureReason"),
                    Integer.parseInt(f.getOrDefault("planningResumes", "0")),
                    blank(f.get("plannedFrom")) ? null : f.get("plannedFrom"),
                    f.containsKey("steering") ? Json.read(f.get("steering"), Steering.class) : Steering.AUTO,
                    Long.parseLong(f.get("version")),
                    f.containsKey("plannerUsage") ? Json.read(f.get("plannerUsage"), Usage.class) : Usage.NONE,
                    f.containsKey("revisions") ? Json.mapper().readValue(f.get("revisions"), REVISIONS) : List.of());
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException("session hash " + f.get("id") + " is unreadable: " + e.getMessage(), e);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }
}
