package dev.ratchet.local.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.core.json.Json;

/** {@code ./ratchet show}'s text, from a session record shaped as {@code GET /api/v1/sessions/{id}} answers it. */
class SessionTextTest {

    private static String text(String json) {
        StringWriter out = new StringWriter();
        SessionText.write(Json.read(json, JsonNode.class), new PrintWriter(out, true));
        return out.toString();
    }

    @Test
    void aFannedOutAttemptListsEveryVariantWithTheChosenOneMarkedAndWhy() {
        String shown = text("""
                {"id": "s-1", "status": "COMPLETED", "verifiedSteps": 1, "repo": "/r", "goal": "count words",
                 "steps": [{"id": "s1", "title": "Add a word counter", "status": "VERIFIED", "attemptHistory": [
                   {"attempt": 1, "status": "VERIFIED", "executor": "executor-2", "fanOut": 3, "variants": [
                     {"variant": 0, "status": "REJECTED", "tokens": 900, "chosen": false,
                      "note": "rejected at check: check 'unit-tests' failed (exit 1)"},
                     {"variant": 1, "status": "VERIFIED", "tokens": 800, "chosen": true,
                      "note": "winner: passed with the fewest changed lines (4)"},
                     {"variant": 2, "status": "VERIFIED", "tokens": 700, "chosen": false,
                      "note": "passed, but changed 9 lines against the winner's 4"}]}]}]}
                """);

        assertThat(shown).contains("  [x] s1 Add a word counter (attempt 1 verified on executor-2)\n"
                + "        best of 3: 3 answered\n"
                + "          variant 0 rejected, 900 tokens: rejected at check: check 'unit-tests' failed (exit 1)\n"
                + "        * variant 1 verified, 800 tokens: winner: passed with the fewest changed lines (4)\n"
                + "          variant 2 verified, 700 tokens: passed, but changed 9 lines against the winner's 4\n");
    }

    @Test
    void anAttemptOfOneVariantHasNoVariantLines() {
        String shown = text("""
                {"id": "s-2", "status": "RUNNING", "verifiedSteps": 0, "repo": "/r", "goal": "g",
                 "steps": [{"id": "s1", "title": "T", "status": "RUNNING", "attemptHistory": [
                   {"attempt": 1, "status": "REQUESTED"}]}]}
                """);

        assertThat(shown).contains("  [>] s1 T (attempt 1 requested)\n").doesNotContain("best of").doesNotContain("variant");
    }
}
