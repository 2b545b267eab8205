package dev.ratchet.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.core.guardrail.Rule;

/**
 * The one line a demo scenario ends with, read from the session ({@code GET /api/v1/sessions/{id}}): completed with
 * its verified steps (and any check that was skipped, how many steering directives were applied, and the winning
 * variant of each step fanned out to several: {@code best of 5: variant 2}), or failed with
 * the step and why its last attempt was rejected, naming the guardrail rule where one refused it ({@code [no-deletes]}
 * in the reason).
 */
public final class SessionLine {

    private static final Pattern RULE = Pattern.compile("\\[([a-z-]+)]");
    private static final Pattern TIMED_OUT = Pattern.compile("check '[^']*' timed out after \\d+ ms");
    /** Keeps the line one line on a terminal: reasons can quote whole tool errors. */
    private static final int MAX_REASON = 160;

    private SessionLine() {
    }

    public static String of(String id, JsonNode session) {
        String status = session.path("status").asText();
        String head = "session " + id + " " + status + ": ";
        if (!"FAILED".equals(status)) {
            String line = head + session.path("verifiedSteps").asInt() + "/" + session.path("steps").size()
                    + " steps verified";
            List<String> notes = new ArrayList<>(skippedChecks(session));
            long applied = StreamSupport.stream(session.path("directives").spliterator(), false)
                    .filter(d -> d.hasNonNull("appliedAt")).count();
            if (applied > 0) {
                notes.add(applied + " directive" + (applied == 1 ? "" : "s") + " applied");
            }
            notes.addAll(bestOf(session));
            return notes.isEmpty() ? line : line + " (" + String.join("; ", notes) + ")";
        }
        Optional<JsonNode> failed = StreamSupport.stream(session.path("steps").spliterator(), false)
                .filter(step -> "FAILED".equals(step.path("status").asText())).findFirst();
        if (failed.isEmpty()) {
            return head + oneLine(session.path("failureReason").asText());
        }
        JsonNode step = failed.get();
        JsonNode attempts = step.path("attemptHistory");
        String reason = attempts.isEmpty() ? session.path("failureReason").asText()
                : attempts.get(attempts.size() - 1).path("reason").asText();
        String which = "step " + (step.path("index").asInt() + 1) + " rejected";
        Optional<String> rule = rule(reason);
        if (rule.isPresent()) {
            return head + which + " by guardrail " + rule.get();
        }
        Matcher timedOut = TIMED_OUT.matcher(reason);
        return head + which + ": " + (timedOut.find() ? timedOut.group() : oneLine(reason));
    }

    /** The first {@code [rule]} in the reason that names a guardrail rule. */
    static Optional<String> rule(String reason) {
        Matcher m = RULE.matcher(reason);
        while (m.find()) {
            for (Rule rule : Rule.values()) {
                if (rule.id().equals(m.group(1))) {
                    return Optional.of(rule.id());
                }
            }
        }
        return Optional.empty();
    }

    /** {@code best of N: variant k} for each verified step whose last attempt fanned out and had a winner. */
    private static List<String> bestOf(JsonNode session) {
        List<String> best = new ArrayList<>();
        for (JsonNode step : session.path("steps")) {
            JsonNode attempts = step.path("attemptHistory");
            if (!"VERIFIED".equals(step.path("status").asText()) || attempts.isEmpty()) {
                continue;
            }
            JsonNode last = attempts.get(attempts.size() - 1);
            StreamSupport.stream(last.path("variants").spliterator(), false)
                    .filter(v -> v.path("chosen").asBoolean()).findFirst()
                    .ifPresent(v -> best.add("best of " + last.path("fanOut").asInt() + ": variant "
                            + v.path("variant").asInt()));
        }
        return best;
    }

    private static List<String> skippedChecks(JsonNode session) {
        List<String> skipped = new ArrayList<>();
        for (JsonNode step : session.path("steps")) {
            JsonNode attempts = step.path("attemptHistory");
            if (attempts.isEmpty()) {
                continue;
            }
            for (JsonNode check : attempts.get(attempts.size() - 1).path("checks")) {
                String why = check.path("skipped").asText("");
                if (!why.isBlank()) {
                    skipped.add("check " + check.path("name").asText() + " skipped: " + oneLine(why));
                }
            }
        }
        return skipped.stream().distinct().toList();
    }

    private static String oneLine(String text) {
        String line = text.strip().replaceAll("\\s*\\n\\s*", " ");
        return line.length() <= MAX_REASON ? line : line.substring(0, MAX_REASON - 3) + "...";
    }
}
