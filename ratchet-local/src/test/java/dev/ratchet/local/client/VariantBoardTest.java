package dev.ratchet.local.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.core.json.Json;

/**
 * {@code follow}'s bars for a best-of-N attempt, from progress lines worded as the executor, the verifier and the
 * planner word them: one line per variant that named itself, each hop a quarter of its bar, the verdict's words at
 * the end; a one-variant attempt (no {@code variant} field) draws nothing.
 */
class VariantBoardTest {

    private static final String STEP = "step 1/3 \"Add word_count\" attempt 1";

    private static JsonNode line(String type, Integer variant, String message) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", type);
        fields.put("stepId", "s1");
        fields.put("attempt", 1);
        fields.put("message", message);
        fields.put("at", "2026-11-30T12:00:00Z");
        if (variant != null) {
            fields.put("variant", variant);
        }
        return Json.mapper().valueToTree(fields);
    }

    private static final List<JsonNode> BEST_OF_3 = List.of(
            line("step.requested", null, STEP + " requested (3 variants)"),
            line("step.started", 0, STEP + " variant 0 started on executor-1"),
            line("step.started", 1, STEP + " variant 1 started on executor-2"),
            line("step.executed", 0, STEP + " variant 0 executed by executor-1 (simulated:fast: 300 tokens in, 120 "
                    + "out at 900 tok/s, model 133 ms): +3 -1 in 1 files"),
            line("step.verifying", 0, STEP + " variant 0 verifying on verifier-1"),
            line("step.started", 2, STEP + " variant 2 started on executor-1"),
            line("step.variant", 0, STEP + " variant 0 of 3 verified (+3 -1, 812 tokens)"));

    @Test
    void eachRunningVariantHasALineWithItsBarAndWhereItIs() {
        VariantBoard board = new VariantBoard();
        BEST_OF_3.forEach(board::accept);

        assertThat(board.lines()).containsExactly(
                "  s1 attempt 1 variant 0 [##########] verified (+3 -1, 812 tokens)",
                "  s1 attempt 1 variant 1 [##--------] executing on executor-2",
                "  s1 attempt 1 variant 2 [##--------] executing on executor-1");

        board.accept(line("step.executed", 1, STEP + " variant 1 executed by executor-2 (simulated:fast: 1 tokens "
                + "in, 1 out at 9 tok/s, model 1 ms): +1 -0 in 1 files"));
        board.accept(line("step.verifying", 2, STEP + " variant 2 verifying on verifier-1"));
        assertThat(board.lines()).contains("  s1 attempt 1 variant 1 [#####-----] executed by executor-2",
                "  s1 attempt 1 variant 2 [#######---] verifying on verifier-1");
    }

    @Test
    void aOneVariantAttemptDrawsNothing() {
        VariantBoard board = new VariantBoard();
        assertThat(board.accept(line("step.started", null, STEP + " started on executor-1"))).isFalse();
        assertThat(board.accept(line("step.verifying", null, STEP + " verifying on verifier-1"))).isFalse();
        assertThat(board.lines()).isEmpty();
        assertThat(board.closedBy(line("step.verified", null, STEP + " verified"))).isFalse();
    }

    @Test
    void theAttemptsVerdictClosesTheBoardAndTheNextRequestStartsAnEmptyOne() {
        VariantBoard board = new VariantBoard();
        BEST_OF_3.forEach(board::accept);
        JsonNode verified = line("step.verified", null, STEP + " verified");
        assertThat(board.closedBy(verified)).isTrue();
        assertThat(board.close()).hasSize(3);
        assertThat(board.lines()).isEmpty();

        BEST_OF_3.forEach(board::accept);
        assertThat(board.accept(line("step.requested", null, "step 2/3 \"Test it\" attempt 1 requested"))).isTrue();
        assertThat(board.lines()).isEmpty();
    }

    @Test
    void untrustedWordsStayOnOneShortLine() {
        VariantBoard board = new VariantBoard();
        board.accept(line("step.variant", 1, STEP + " variant 1 of 3 rejected at check: \u001b[2Jcheck 'unit' failed\n"
                + "x".repeat(200)));
        String shown = board.lines().get(0);
        assertThat(shown).startsWith("  s1 attempt 1 variant 1 [##########] rejected at check: [2Jcheck 'unit' failed")
                .doesNotContain("\u001b").doesNotContain("\n").endsWith("...");
    }

    @Test
    void aPipeGetsTheEventLinesAndTheVerdictsOnceATerminalGetsTheBoardRedrawnInPlace() {
        StringWriter piped = new StringWriter();
        FollowView pipe = new FollowView(false, new PrintWriter(piped));
        BEST_OF_3.forEach(pipe::show);
        pipe.show(line("step.verified", null, STEP + " verified"));
        List<String> lines = piped.toString().lines().toList();
        assertThat(lines).hasSize(BEST_OF_3.size() + 1 + 3).noneMatch(l -> l.contains("\u001b"));
        assertThat(lines.get(BEST_OF_3.size())).endsWith(STEP + " verified");
        assertThat(lines.subList(BEST_OF_3.size() + 1, lines.size())).allMatch(l -> l.startsWith("  s1 attempt 1 "
                + "variant "));

        StringWriter terminal = new StringWriter();
        FollowView live = new FollowView(true, new PrintWriter(terminal));
        live.show(BEST_OF_3.get(0));
        live.show(BEST_OF_3.get(1));
        live.show(BEST_OF_3.get(2));
        assertThat(terminal.toString()).as("one board line, taken back before the next event's line")
                .contains("executing on executor-1\n\u001b[1A\r\u001b[J")
                .endsWith("  s1 attempt 1 variant 1 [##--------] executing on executor-2\n");
    }
}
