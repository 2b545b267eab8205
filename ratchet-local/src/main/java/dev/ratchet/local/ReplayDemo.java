package dev.ratchet.local;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.simulator.SimulatedModelServer;

/**
 * {@code ./ratchet demo --scenario replay}: a first session is planned by the planner model and captured as a
 * skill; a person's approval ({@code POST /api/v1/skills/{name}/trust}, which the demo sends in their place) makes
 * the skill trusted; a second session on the same goal, in a fresh copy of the sample project, is planned from the
 * skill without a planner-model call. The simulated model server counts each role's calls and tokens, so the demo
 * prints what the replay saved. It needs the simulator's counts, so it runs on a cluster of its own.
 */
final class ReplayDemo {

    /** How long the registry may take to capture a completed session or count a replay (milliseconds locally). */
    private static final Duration REGISTRY_WAIT = Duration.ofSeconds(60);
    private static final long POLL_NANOS = Duration.ofMillis(200).toNanos();

    /**
     * One session's figures: its planner-model calls and tokens (simulator), its planning time (creation to the
     * first step's request) and wall time (planner).
     */
    record Run(Demo.Result result, long plannerCalls, long plannerTokens, long planningMs, long wallMs,
            String plannedFrom) {

        String figures() {
            return String.format(Locale.ROOT, "planner model %d call%s, %d planner tokens; planning %.3f s, wall "
                    + "time %.3f s", plannerCalls, plannerCalls == 1 ? "" : "s", plannerTokens, planningMs / 1000.0,
                    wallMs / 1000.0);
        }
    }

    /** The two sessions, the skill replayed, and the skill as the registry shows it after the replay. */
    record Result(Run first, Run second, String skill, JsonNode skillAfter) {

        boolean replayed() {
            return "COMPLETED".equals(second.result().status()) && second.plannedFrom() != null
                    && second.plannerCalls() == 0;
        }

        String summary() {
            Demo.Result r = second.result();
            return "session " + r.sessionId() + " " + r.status() + ": " + r.verifiedSteps() + "/" + r.steps()
                    + " steps verified (" + (second.plannedFrom() == null ? "planned by the planner model"
                            : "planned from " + second.plannedFrom()) + ", " + second.plannerCalls() + " planner call"
                    + (second.plannerCalls() == 1 ? "" : "s") + ")";
        }
    }

    private ReplayDemo() {
    }

    static Result run(LocalCluster cluster, LocalLayout layout, Consumer<String> out) {
        SkillsClient registry = new SkillsClient(cluster.skills());
        out.accept("== session 1: planned by the planner model ==");
        Run first = session(cluster, layout, out);
        out.accept("session " + first.result().sessionId() + " " + first.result().status() + ": " + first.figures());
        if (!"COMPLETED".equals(first.result().status())) {
            throw new IllegalStateException("the first session did not complete, so no skill was captured");
        }

        JsonNode match = await("the registry to capture session 1", () -> registry.match(Demo.GOAL,
                first.result().repo().toString()).path("matches").path(0)).orElseThrow();
        String name = match.path("name").asText();
        out.accept("captured: skill " + name + "@" + match.path("version").asInt() + " ("
                + match.path("status").asText() + ")");
        JsonNode trusted = registry.trust(name);
        out.accept("trusted: " + name + " is " + trusted.path("status").asText() + " by a person's approval, POST "
                + cluster.skillsUrl() + "/api/v1/skills/" + name + "/trust, which this demo sends in their place "
                + "(without it, " + name + " would be trusted after 3 passing replays)");

        out.accept("");
        out.accept("== session 2: the same goal on a fresh copy of examples/" + Demo.SAMPLE + " ==");
        Run second = session(cluster, layout, out);
        JsonNode after = await("the registry to count the replay of session 2", () -> {
            JsonNode skill = registry.skill(name);
            return skill.path("stats").path("replays").asLong() >= 1 ? skill : null;
        }).orElseThrow();
        JsonNode stats = after.path("stats");
        out.accept(String.format(Locale.ROOT, "skill %s: %s; replays %d, passes %d (pass rate %.0f %%), mean "
                + "tokens %d, mean wall time %.3f s", name, after.path("status").asText(),
                stats.path("replays").asLong(), stats.path("passes").asLong(), 100 * stats.path("passRate").asDouble(),
                stats.path("meanTokens").asLong(), stats.path("meanWallMs").asLong() / 1000.0));
        out.accept("session 1: " + first.figures());
        out.accept("session 2: " + second.figures());
        out.accept(String.format(Locale.ROOT, "saved by the replay: %d planner tokens, %.3f s of planning, %.3f s of "
                + "wall time (session 1 also pays the fresh cluster's first-session warm-up)",
                first.plannerTokens() - second.plannerTokens(), (first.planningMs() - second.planningMs()) / 1000.0,
                (first.wallMs() - second.wallMs()) / 1000.0));
        Result result = new Result(first, second, name, after);
        out.accept(result.summary());
        return result;
    }

    private static Run session(LocalCluster cluster, LocalLayout layout, Consumer<String> out) {
        SimulatedModelServer.RoleUsage before = cluster.modelUsage("planner");
        Demo.Result result = Demo.session(layout, cluster.planner(), Demo.GOAL, out);
        SimulatedModelServer.RoleUsage after = cluster.modelUsage("planner");
        JsonNode session = result.session();
        JsonNode from = session.path("plannedFrom");
        JsonNode firstRequest = session.path("steps").path(0).path("attemptHistory").path(0).path("requestedAt");
        long planningMs = firstRequest.isTextual() ? Duration.between(Instant.parse(session.path("createdAt")
                .asText()), Instant.parse(firstRequest.asText())).toMillis() : 0;
        return new Run(result, after.requests() - before.requests(), after.tokens() - before.tokens(), planningMs,
                session.path("timings").path("wallMs").asLong(), from.isTextual() ? from.asText() : null);
    }

    /** Asks until the answer is there (not null or missing) or {@link #REGISTRY_WAIT} has passed. */
    private static Optional<JsonNode> await(String what, Supplier<JsonNode> ask) {
        long deadline = System.nanoTime() + REGISTRY_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode answer = ask.get();
            if (answer != null && !answer.isMissingNode()) {
                return Optional.of(answer);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        throw new IllegalStateException("waited " + REGISTRY_WAIT.toSeconds() + " s for " + what);
    }
}
