package dev.ratchet.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ratchet.core.event.SessionCompleted;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.json.Json;

/**
 * Scenario 7, best-of-N (issue 14): one step fanned out to {@value #VARIANTS} variants on the executors against the
 * same step with one variant, one session alone each time; the simulated model writes a passing file for
 * {@link #PASSING} variants only and a failing one for the rest, so the verifier has to find the three.
 * <p>
 * The step's time runs from its first request on the wire to the session's end (one step, so the end is the
 * verdict's decision): it holds the fan-out, every variant's model call on the executors, every candidate's
 * verification and the choice. The ideal ratio is the model time alone: ceil(15 / executors) rounds of one call.
 * The pass rates come from the verifier's verdicts: the share of single variants that passed (what one executor
 * call gets) against the share of best-of-15 steps verified on their first attempt.
 */
final class BestOfNRuns {

    static final int VARIANTS = 15;
    /** Variants 0 to 14 sample with seeds 0 to 14 on a first attempt (core {@code Fanout}); these three pass. */
    static final List<Integer> PASSING = List.of(3, 8, 12);
    static final String FILE = "bench/best.md";
    static final Map<String, Object> CHECK = Map.of("name", "result", "command",
            "grep -q 'result: pass' " + FILE, "timeoutSeconds", 30);

    private static final String TITLE = "Best-of-N step";

    private final RatchetRunner ratchet;
    private final TopicTap tap;
    private final Workload workload;
    private final Consumer<String> step;
    private final Figures figures = new Figures();

    BestOfNRuns(RatchetRunner ratchet, TopicTap tap, Workload workload, Consumer<String> step) {
        this.ratchet = ratchet;
        this.tap = tap;
        this.workload = workload;
        this.step = step;
    }

    /** The one-variant step: every answer passes. */
    static Profile single() {
        return new Profile("best-n1", 1, 400, 1000, 50);
    }

    /** The fanned-out step. */
    static Profile fanned() {
        return new Profile("best-n" + VARIANTS, 1, 400, 1000, 50);
    }

    /** The simulated model's rules for both profiles: first match wins, so the seeded rule comes first. */
    static List<Map<String, Object>> rules() {
        List<Map<String, Object>> rules = new ArrayList<>();
        rules.add(Workload.rule("plan best-n1", List.of("You are the planner of Ratchet", single().marker()),
                plan(null), single()));
        rules.add(Workload.rule("plan best-n" + VARIANTS, List.of("You are the planner of Ratchet",
                fanned().marker()), plan(VARIANTS), fanned()));
        List<String> executor = List.of("You are a fast executor model in Ratchet", "Step 1 of 1: " + TITLE + "\n");
        rules.add(Workload.rule("best-n1 step", Map.of("contains", with(executor, single().marker())),
                Workload.addFile(single(), FILE, "result: pass"), single()));
        rules.add(Workload.rule("best-n15 passing variants", Map.of("contains", with(executor, fanned().marker()),
                "seeds", PASSING), Workload.addFile(fanned(), FILE, "result: pass"), fanned()));
        rules.add(Workload.rule("best-n15 failing variants", Map.of("contains", with(executor, fanned().marker())),
                Workload.addFile(fanned(), FILE, "result: fail"), fanned()));
        return rules;
    }

    /** {@code runs} pairs of lone sessions, one variant then {@value #VARIANTS}. */
    void run(int runs, int executors) {
        for (int run = 1; run <= runs; run++) {
            long one = stepMillis(session(single()));
            JsonNode fannedSession = session(fanned());
            long many = stepMillis(fannedSession);
            figures.add("bestofn.step_ms.n1", one, "ms");
            figures.add("bestofn.step_ms.n" + VARIANTS, many, "ms");
            figures.add("bestofn.wall_ratio.n" + VARIANTS, (double) many / one, "ratio");
            JsonNode attempt = fannedSession.path("steps").path(0).path("attemptHistory").path(0);
            int passed = 0;
            int verdicts = 0;
            for (JsonNode variant : attempt.path("variants")) {
                verdicts++;
                passed += "VERIFIED".equals(variant.path("status").asText()) ? 1 : 0;
            }
            boolean stepPassed = "VERIFIED".equals(attempt.path("status").asText());
            double single = (double) passed / Math.max(1, verdicts);
            double best = stepPassed ? 1 : 0;
            figures.add("bestofn.pass_rate.single_variant", single, "ratio");
            figures.add("bestofn.pass_rate.best_of_" + VARIANTS, best, "ratio");
            figures.add("bestofn.pass_rate_gain", best - single, "ratio");
            step.accept(String.format(Locale.ROOT, "best-of-%d on %d executors run %d: step %d ms against %d ms "
                    + "with one variant (ideal ratio %d); %d of %d variants passed; first attempt %s", VARIANTS,
                    executors, run, many, one, ideal(executors), passed, verdicts,
                    stepPassed ? "verified" : "not verified"));
        }
    }

    Figures figures() {
        return figures;
    }

    /** Model time alone: one round of calls per executor slot. */
    static int ideal(int executors) {
        return (VARIANTS + executors - 1) / executors;
    }

    private JsonNode session(Profile profile) {
        Path repo = workload.newRepository();
        Map<String, Object> request = Map.of("repo", repo.toString(), "goal", profile.goal(0), "checks",
                List.of(CHECK));
        RunResult r = ratchet.runAll(List.of(request));
        if (r.completed() != 1) {
            throw new IllegalStateException("the best-of-N benchmark session (" + profile.name() + ") failed");
        }
        return ratchet.session(r.sessionIds().get(0));
    }

    /** From the step's first request on the wire to the session's end. */
    private long stepMillis(JsonNode session) {
        String id = session.path("id").asText();
        OptionalLong requested = tap.events().stream().filter(t -> t.event().sessionId().equals(id))
                .filter(t -> t.event() instanceof StepRequested).mapToLong(TopicTap.Tapped::producedAtMillis).min();
        OptionalLong ended = tap.events().stream().filter(t -> t.event().sessionId().equals(id))
                .filter(t -> t.event() instanceof SessionCompleted).mapToLong(TopicTap.Tapped::producedAtMillis)
                .max();
        if (requested.isEmpty() || ended.isEmpty()) {
            throw new IllegalStateException("session " + id + " left no step request or end on the wire");
        }
        return ended.getAsLong() - requested.getAsLong();
    }

    /** One step writing {@link #FILE}; {@code variants} null for the session's (one). */
    static String plan(Integer variants) {
        ObjectNode plan = Json.mapper().createObjectNode();
        ArrayNode steps = plan.putArray("steps");
        ObjectNode step = steps.addObject().put("id", "s1").put("title", TITLE).put("instructions",
                "Add " + FILE + " with the result line.");
        step.putArray("files");
        step.putArray("newFiles").add(FILE);
        step.putArray("checks");
        if (variants == null) {
            step.putNull("variants");
        } else {
            step.put("variants", variants);
        }
        step.putNull("estimatedTokens");
        step.putNull("maxChangedLines");
        step.putNull("approaches");
        return plan.toString();
    }

    private static List<String> with(List<String> contains, String marker) {
        List<String> all = new ArrayList<>(contains);
        all.add(marker);
        return all;
    }
}
