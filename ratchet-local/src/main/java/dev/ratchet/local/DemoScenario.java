package dev.ratchet.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One scripted demo scenario: a copy of a sample project under {@code examples/}, a session request (goal, checks,
 * guardrails) and the simulated model's rules in {@code examples/scenarios/demo/<name>.json}, which match only this
 * goal ("demo scenario <name>") and its step. {@code setup} changes the copy before its first commit (a tracked
 * symlink, say); {@code needs} are the programs it cannot run without (skipped, with a line saying so, when absent).
 */
public record DemoScenario(String name, String sample, String goal, List<Map<String, Object>> checks,
        Map<String, Object> guardrails, Setup setup, List<String> needs) implements ScenarioRunner {

    /** A change to the sample's copy before it is committed. */
    @FunctionalInterface
    public interface Setup {
        void apply(Path repo) throws IOException;

        Setup NONE = repo -> { };
    }

    /** The simulator's rules for this scenario, relative to the examples folder. */
    public String simulatorScenario() {
        return simulatorScenario(name);
    }

    static String simulatorScenario(String name) {
        return "scenarios/demo/" + name + ".json";
    }

    /** The session request for the copy at {@code repo}. */
    public Map<String, Object> sessionRequest(Path repo) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("repo", repo.toString());
        request.put("goal", goal);
        request.put("checks", checks);
        if (!guardrails.isEmpty()) {
            request.put("guardrails", guardrails);
        }
        return request;
    }

    @Override
    public Demo.Result run(LocalLayout layout, ApiEndpoint planner, Consumer<String> out) {
        List<String> missing = needs.stream().filter(program -> !Programs.onPath(program)).toList();
        if (!missing.isEmpty()) {
            Demo.Result skipped = Demo.Result.skipped(name, "needs " + String.join(", ", missing)
                    + ", which is not on PATH");
            out.accept(skipped.summary());
            return skipped;
        }
        Path repo = prepare(layout);
        out.accept("scenario " + name + ": " + repo + " (a copy of examples/" + sample + "), model answers from "
                + "examples/" + simulatorScenario());
        PlatformClient api = new PlatformClient(planner);
        String id = api.createSession(sessionRequest(repo)).path("id").asText();
        out.accept("session " + id + " submitted to " + planner.url());
        Demo.follow(api, id, out);
        JsonNode session = api.session(id);
        Demo.Result result = new Demo.Result(id, session.path("status").asText(),
                session.path("verifiedSteps").asInt(), session.path("steps").size(), repo, session,
                SessionLine.of(id, session));
        out.accept(result.summary());
        return result;
    }

    private Path prepare(LocalLayout layout) {
        try {
            Path repo = Demo.copySample(layout, sample, Files.createTempDirectory("ratchet-" + name + "-")
                    .resolve(sample));
            setup.apply(repo);
            Demo.commit(repo, sample + ": the sample project of the Ratchet demo scenario " + name);
            return repo;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the sample repository of scenario " + name, e);
        }
    }
}
