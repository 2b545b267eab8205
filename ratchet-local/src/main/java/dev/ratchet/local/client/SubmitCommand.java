package dev.ratchet.local.client;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.core.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ratchet submit}: a new session; {@code --follow} watches it to the end. */
@Command(name = "submit", description = "Start a session on a repository")
final class SubmitCommand extends ClientCommand {

    @Option(names = "--repo", required = true, paramLabel = "PATH",
            description = "The repository (a relative path is taken from the current directory)")
    String repo;

    @Option(names = "--goal", required = true, paramLabel = "TEXT", description = "What the session should achieve")
    String goal;

    @Option(names = "--check", paramLabel = "NAME=COMMAND", mapFallbackValue = "",
            description = "A check every step must pass, in order (default: the repository's VERIFY.md or AGENTS.md)")
    Map<String, String> checks = new LinkedHashMap<>();

    @Option(names = "--guardrails", paramLabel = "JSON",
            description = "The guardrail fields to change, e.g. '{\"noDeletes\":true,\"maxChangedLines\":200}'")
    String guardrails;

    @Option(names = "--max-turns", paramLabel = "N", description = "Tool turns per step")
    Integer maxTurns;

    @Option(names = "--variants", paramLabel = "N", description = "Variants of each attempt (1 to 64); the best "
            + "passing one is kept")
    Integer variants;

    @Option(names = "--select", paramLabel = "HOW", description = "How the winning variant is chosen: best (all "
            + "in, then the smallest passing) or first (the first that passes)")
    String select;

    @Option(names = "--budget-tokens", paramLabel = "N", description = "Cancel the session once its model tokens "
            + "pass N")
    Long budgetTokens;

    @Option(names = "--budget-seconds", paramLabel = "S", description = "Cancel the session S seconds after it "
            + "was submitted")
    Long budgetSeconds;

    @Option(names = "--approve-plan", description = "Wait for a person's approval of the plan (./ratchet approve)")
    boolean manualApproval;

    @Option(names = "--follow", description = "Watch the session until it ends; the exit code is follow's")
    boolean follow;

    @Mixin
    Watch watch = new Watch();

    SubmitCommand(Context context) {
        super(context);
    }

    @Override
    public Integer call() {
        JsonNode created = client().createSession(body());
        String id = created.path("id").asText();
        if (json) {
            print(created);
        } else {
            out().println("session " + id + " " + created.path("status").asText());
        }
        if (follow) {
            out().flush();
            return Follower.follow(client(), id, watch.timeout, json, out(), err());
        }
        return Exit.DONE;
    }

    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        Path path = Path.of(repo);
        // The API takes an absolute path; a person types one relative to where they stand.
        body.put("repo", path.isAbsolute() ? repo : path.toAbsolutePath().normalize().toString());
        body.put("goal", goal);
        if (!checks.isEmpty()) {
            List<Map<String, String>> list = new ArrayList<>();
            checks.forEach((name, command) -> list.add(Map.of("name", name, "command", command)));
            body.put("checks", list);
        }
        if (guardrails != null) {
            body.put("guardrails", object("--guardrails", guardrails));
        }
        if (maxTurns != null) {
            body.put("maxTurns", maxTurns);
        }
        if (manualApproval) {
            body.put("approval", "manual");
        }
        if (variants != null) {
            body.put("variants", variants);
        }
        if (select != null) {
            body.put("select", select);
        }
        if (budgetTokens != null || budgetSeconds != null) {
            Map<String, Object> budget = new LinkedHashMap<>();
            if (budgetTokens != null) {
                budget.put("tokens", budgetTokens);
            }
            if (budgetSeconds != null) {
                budget.put("wallClockSeconds", budgetSeconds);
            }
            body.put("budget", budget);
        }
        return body;
    }

    /** A JSON object given on the command line; anything else is a usage error naming the option. */
    static JsonNode object(String option, String text) {
        try {
            JsonNode node = Json.mapper().readTree(text);
            if (node == null || !node.isObject()) {
                throw new UsageError(option + " must be a JSON object, not " + Text.oneLine(text, 60));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new UsageError(option + " is not JSON: " + e.getOriginalMessage());
        }
    }
}
