package dev.ratchet.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.json.Json;
import dev.ratchet.workspace.Git;

/**
 * The benchmark's sessions: a tiny git repository per session, a plan of K steps each adding one notes file, a
 * no-op check, and the simulated model's scenario that scripts every profile's answers.
 */
public final class Workload {

    public static final Check NO_OP = new Check("no-op", "true", 30);
    private static final String WORD = "tick";

    private final Path dir;
    private final AtomicInteger repos = new AtomicInteger();

    public Workload(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Writes the scenario with rules for every profile and returns its path. */
    public Path scenario(List<Profile> profiles) {
        return scenario(profiles, List.of());
    }

    /** As {@link #scenario(List)}, with {@code more} rules after the profiles' (a scenario's own sessions). */
    public Path scenario(List<Profile> profiles, List<Map<String, Object>> more) {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Profile profile : profiles) {
            rules.add(rule("plan " + profile.name(), List.of("You are the planner of Ratchet", profile.marker()),
                    plan(profile), profile));
            for (int k = 1; k <= profile.steps(); k++) {
                rules.add(rule("step " + k + " " + profile.name(), List.of("You are a fast executor model in Ratchet",
                        profile.marker(), "Step " + k + " of " + profile.steps() + ": Bench step " + k + "\n"),
                        patch(profile, k), profile));
            }
        }
        rules.addAll(more);
        Map<String, Object> scenario = new LinkedHashMap<>();
        scenario.put("name", "bench");
        scenario.put("rules", rules);
        Path file = dir.resolve("bench-scenario.json");
        write(file, Json.write(scenario));
        return file;
    }

    /** A fresh committed repository for one session. */
    public Path newRepository() {
        Path repo = dir.resolve("repos").resolve("r" + repos.incrementAndGet());
        write(repo.resolve("README.md"), "# bench\n\nA repository the Ratchet benchmark works on.\n");
        Git.run(repo, "init", "-q");
        Git.run(repo, "add", "-A");
        Git.run(repo, "commit", "-q", "-m", "bench repository");
        return repo;
    }

    public Map<String, Object> sessionRequest(Profile profile, int session, Path repo) {
        return Map.of("repo", repo.toString(), "goal", profile.goal(session), "checks", List.of(Map.of("name",
                NO_OP.name(), "command", NO_OP.command(), "timeoutSeconds", NO_OP.timeoutSeconds())));
    }

    /** The plan in the strict structured form the planner asks for ({@code PlanSchema}): every field present. */
    static String plan(Profile profile) {
        ObjectNode plan = Json.mapper().createObjectNode();
        ArrayNode steps = plan.putArray("steps");
        for (int k = 1; k <= profile.steps(); k++) {
            ObjectNode step = steps.addObject().put("id", "s" + k).put("title", "Bench step " + k)
                    .put("instructions", "Add bench/step-" + k + ".md.");
            step.putArray("files");
            step.putArray("newFiles").add("bench/step-" + k + ".md");
            step.putArray("checks");
            step.putNull("variants");
            step.putNull("estimatedTokens");
            step.putNull("maxChangedLines");
            step.putNull("approaches");
        }
        return plan.toString();
    }

    /** An apply_patch answer of about {@code tokensPerStep} simulated tokens. */
    static String patch(Profile profile, int step) {
        return addFile(profile, "bench/step-" + step + ".md", "");
    }

    /**
     * An apply_patch answer adding {@code path}: {@code firstLine} (when not empty), then filler words up to about
     * the profile's tokens per step.
     */
    static String addFile(Profile profile, String path, String firstLine) {
        StringBuilder patch = new StringBuilder("*** Begin Patch\n*** Add File: " + path + "\n");
        if (!firstLine.isEmpty()) {
            patch.append('+').append(firstLine).append('\n');
        }
        int words = Math.max(1, profile.tokensPerStep() - 12);
        for (int line = 0; line * 10 < words; line++) {
            patch.append('+');
            for (int w = 0; w < 10 && line * 10 + w < words; w++) {
                patch.append(w == 0 ? "" : " ").append(WORD);
            }
            patch.append('\n');
        }
        return patch.append("*** End Patch\n").toString();
    }

    static Map<String, Object> rule(String name, List<String> contains, String content, Profile profile) {
        return rule(name, Map.of("contains", contains), content, profile);
    }

    /** A simulated-model rule: when a request matches {@code match}, answer {@code content} at the profile's pace. */
    static Map<String, Object> rule(String name, Map<String, Object> match, String content, Profile profile) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("content", content);
        response.put("ttftMs", profile.ttftMs());
        response.put("tokensPerSecond", profile.tokensPerSecond());
        return Map.of("name", name, "match", match, "response", response);
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
