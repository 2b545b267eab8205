package dev.ratchet.local.client;

import java.io.PrintWriter;

import com.fasterxml.jackson.databind.JsonNode;

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
        }
        JsonNode links = s.path("links");
        if (links.hasNonNull("events")) {
            out.println("  live:  ./ratchet follow " + s.path("id").asText());
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
