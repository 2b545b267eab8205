package dev.ratchet.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.core.session.Progress;
import dev.ratchet.workspace.Git;

/**
 * {@code ./ratchet demo --scenario steer}: a person in the front seat, through the platform API alone. The session
 * asks for manual approval; the demo, in the person's place, reads the three-step plan, adds a fourth step (PUT) and
 * approves it; while step 2 runs it sends a {@code note} and a {@code guardrails} directive (keep the entry point in
 * textstats.py, no new files) and a {@code redo} of step 1 with feedback. At step 2's boundary steps 1 and 2 are
 * redone (step 1 with the feedback), and step 3 follows the note (the simulator's rules in
 * {@code examples/scenarios/demo/steer.json} answer step 3 by the note's text; without it the model writes a new
 * file, which the guardrails refuse). It ends with the session's line and the result branch {@code ratchet/<id>}.
 */
final class SteerDemo implements ScenarioRunner {

    static final String NAME = "steer";
    static final String GOAL = "Add word statistics to textstats: word_count, top_words and a command-line entry "
            + "point (demo scenario steer)";
    static final String NOTE = "Keep the command-line entry point in textstats.py; add no new files.";
    static final String REDO_FEEDBACK = "Also test that punctuation separates words";
    static final String ADDED_STEP = "Document the command line";
    /** Planning is one simulated model call; 60 s covers a loaded machine many times over. */
    private static final Duration PLANNING_WAIT = Duration.ofSeconds(60);
    private static final long POLL_NANOS = Duration.ofMillis(200).toNanos();

    /** The simulator's rules for this scenario, relative to the examples folder. */
    static String simulatorScenario() {
        return "scenarios/demo/" + NAME + ".json";
    }

    @Override
    public Demo.Result run(LocalLayout layout, ApiEndpoint planner, Consumer<String> out) {
        Demo.requirePython();
        Path repo = prepare(layout);
        out.accept("scenario " + NAME + ": " + repo + " (a copy of examples/" + Demo.SAMPLE + "), model answers from "
                + "examples/" + simulatorScenario());
        PlatformClient api = new PlatformClient(planner);
        Map<String, Object> request = new LinkedHashMap<>(Demo.sessionRequest(repo, GOAL));
        request.put("approval", "manual");
        String id = api.createSession(request).path("id").asText();
        out.accept("session " + id + " submitted to " + planner + " (approval manual)");

        JsonNode plan = awaitApproval(api, id);
        List<Map<String, Object>> steps = new ArrayList<>();
        for (JsonNode step : plan.path("steps")) {
            steps.add(Map.of("id", step.path("id").asText(), "title", step.path("title").asText(),
                    "instructions", step.path("instructions").asText()));
            out.accept("plan: " + step.path("id").asText() + " " + step.path("title").asText());
        }
        steps.add(Map.of("id", "docs", "title", ADDED_STEP, "instructions", "In README.md, say how to run "
                + "textstats.py from the command line and what it prints."));
        JsonNode edited = api.editPlan(id, Map.of("steps", steps));
        out.accept("plan edited (PUT): " + edited.path("steps").size() + " steps, docs \"" + ADDED_STEP + "\" added");
        out.accept("plan approved: " + api.approve(id).path("status").asText());

        String second = edited.path("steps").path(1).path("id").asText();
        AtomicBoolean steered = new AtomicBoolean();
        Demo.follow(api, id, out, event -> {
            if (Progress.STEP_REQUESTED.equals(event.type()) && second.equals(event.data().path("stepId").asText())
                    && !steered.getAndSet(true)) {
                steer(api, id, plan.path("steps").path(0).path("id").asText(), out);
            }
        });

        JsonNode session = api.session(id);
        Demo.Result result = new Demo.Result(id, session.path("status").asText(),
                session.path("verifiedSteps").asInt(), session.path("steps").size(), repo, session,
                SessionLine.of(id, session));
        if ("COMPLETED".equals(result.status())) {
            api.patch(id);
            out.accept("result branch ratchet/" + id + " in " + repo + ":");
            Git.run(repo, "log", "--format=%h %s", "ratchet/" + id).lines().forEach(line -> out.accept("  " + line));
        }
        out.accept(result.summary());
        return result;
    }

    /** While step 2 runs: the note and the guardrails in one request, then the redo of step 1 in another. */
    private static void steer(PlatformClient api, String id, String first, Consumer<String> out) {
        JsonNode taken = api.steer(id, Map.of("directives", List.of(
                Map.of("type", "note", "text", NOTE),
                Map.of("type", "guardrails", "guardrails", Map.of("maxNewFiles", 0)))));
        out.accept("steer (POST): " + taken.path("directives").size() + " directives sent while step 2 runs");
        api.steer(id, Map.of("directives", List.of(Map.of("type", "redo", "step", first,
                "feedback", REDO_FEEDBACK))));
        out.accept("steer (POST): redo " + first + " sent while step 2 runs");
    }

    /** The plan once the session waits for approval. */
    private static JsonNode awaitApproval(PlatformClient api, String id) {
        long deadline = System.nanoTime() + PLANNING_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode plan = api.plan(id);
            String status = plan.path("status").asText();
            if ("AWAITING_APPROVAL".equals(status)) {
                return plan;
            }
            if (!"PLANNING".equals(status)) {
                throw new IllegalStateException("session " + id + " is " + status + ", not awaiting approval");
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        throw new IllegalStateException("session " + id + " was not planned within " + PLANNING_WAIT.toSeconds()
                + " s");
    }

    private static Path prepare(LocalLayout layout) {
        try {
            return Demo.prepareRepository(layout, Files.createTempDirectory("ratchet-" + NAME + "-")
                    .resolve(Demo.SAMPLE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the sample repository of scenario " + NAME, e);
        }
    }
}
