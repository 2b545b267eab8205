package dev.ratchet.local.client;

import java.io.PrintWriter;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.local.SessionFollow;

/** A session record ({@code GET /api/v1/sessions/{id}}) as a person reads it in a terminal. */
final class SessionText {

    private SessionText() {
    }

    static void write(JsonNode s, PrintWriter out) {
        out.println("session " + s.path("id").asText() + " " + s.path("status").asText() + ": "
                + s.path("verifiedSteps").asLong() + "/" + s.path("steps").size() + " steps verified");
        out.println("  repo:  " + s.path("repo").asText());
        out.println("  goal:  " + Text.oneLine(s.path("goal").asText(), 200));
        if (s.hasNonNull("failureReason")) {
            out.println("  why:   " + Text.oneLine(s.path("failureReason").asText(), 300));
        }
        if (s.hasNonNull("plannedFrom")) {
            out.println("  plan:  from skill " + s.path("plannedFrom").asText());
        }
        JsonNode usage = s.path("usage");
        if (usage.isObject()) {
            out.println("  usage: " + usage.path("tokensIn").asLong() + " tokens in, " + usage.path("tokensOut").asLong()
                    + " out");
        }
        for (JsonNode step : s.path("steps")) {
            out.println("  " + box(step.path("status").asText()) + " " + step.path("id").asText() + " "
                    + Text.oneLine(step.path("title").asText(), 80) + last(step));
            variants(step, out);
        }
        if (!SessionFollow.TERMINAL.contains(s.path("status").asText())) {
            out.println("  live:  ./ratchet follow " + s.path("id").asText());
        }
    }

    /**
     * The last attempt's variants when it fanned out to several (best-of-N): one line each, the chosen one marked,
     * with why it won or lost; the variants still out have no line yet.
     */
    private static void variants(JsonNode step, PrintWriter out) {
        JsonNode attempts = step.path("attemptHistory");
        if (attempts.isEmpty()) {
            return;
        }
        JsonNode a = attempts.get(attempts.size() - 1);
        if (a.path("fanOut").asInt() <= 1) {
            return;
        }
        out.println("        best of " + a.path("fanOut").asInt() + ": " + a.path("variants").size() + " answered");
        for (JsonNode v : a.path("variants")) {
            String why = v.path("note").asText(v.path("reason").asText(""));
            out.println("        " + (v.path("chosen").asBoolean() ? "* " : "  ") + "variant " + v.path("variant").asInt()
                    + " " + v.path("status").asText().toLowerCase(java.util.Locale.ROOT) + ", "
                    + v.path("tokens").asLong() + " tokens" + (why.isBlank() ? "" : ": " + Text.oneLine(why, 120)));
        }
    }

    /** The checklist box: done, running, failed or skipped, to do. */
    private static String box(String status) {
        return switch (status) {
            case "VERIFIED" -> "[x]";
            case "RUNNING" -> "[>]";
            case "FAILED" -> "[!]";
            case "SKIPPED" -> "[-]";
            default -> "[ ]";
        };
    }

    private static String last(JsonNode step) {
        JsonNode attempts = step.path("attemptHistory");
        if (attempts.isEmpty()) {
            return "";
        }
        JsonNode a = attempts.get(attempts.size() - 1);
        StringBuilder text = new StringBuilder(" (attempt " + a.path("attempt").asInt() + " "
                + a.path("status").asText().toLowerCase(java.util.Locale.ROOT));
        if (a.hasNonNull("executor")) {
            text.append(" on ").append(a.path("executor").asText());
        }
        if (a.hasNonNull("reason") && !a.path("reason").asText().isBlank()) {
            text.append(": ").append(Text.oneLine(a.path("reason").asText(), 120));
        }
        return text.append(')').toString();
    }
}
