package dev.ratchet.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.core.json.Json;

class SessionLineTest {

    private static JsonNode session(String json) throws Exception {
        return Json.mapper().readTree(json);
    }

    @Test
    void completedCountsVerifiedSteps() throws Exception {
        assertThat(SessionLine.of("s1", session("""
                {"status": "COMPLETED", "verifiedSteps": 2, "steps": [{"index": 0}, {"index": 1}]}""")))
                .isEqualTo("session s1 COMPLETED: 2/2 steps verified");
    }

    @Test
    void aSkippedCheckIsNamedOnTheLine() throws Exception {
        assertThat(SessionLine.of("s1", session("""
                {"status": "COMPLETED", "verifiedSteps": 1, "steps": [{"index": 0, "status": "VERIFIED",
                  "attemptHistory": [{"checks": [{"name": "home-page", "skipped": "no Chromium on PATH"}]}]}]}""")))
                .isEqualTo("session s1 COMPLETED: 1/1 steps verified (check home-page skipped: no Chromium on PATH)");
    }

    @Test
    void appliedDirectivesAreCountedAndPendingOnesAreNot() throws Exception {
        assertThat(SessionLine.of("s1", session("""
                {"status": "COMPLETED", "verifiedSteps": 1, "steps": [{"index": 0}], "directives": [
                  {"id": "d1", "type": "note", "appliedAt": "2026-11-30T09:00:00Z"},
                  {"id": "d2", "type": "redo", "appliedAt": "2026-11-30T09:00:00Z"},
                  {"id": "d3", "type": "pause"}]}""")))
                .isEqualTo("session s1 COMPLETED: 1/1 steps verified (2 directives applied)");
    }

    @Test
    void aStepFannedOutToVariantsNamesItsWinner() throws Exception {
        assertThat(SessionLine.of("s1", session("""
                {"status": "COMPLETED", "verifiedSteps": 1, "steps": [{"index": 0, "status": "VERIFIED",
                  "attemptHistory": [{"fanOut": 5, "variants": [{"variant": 0, "chosen": false},
                    {"variant": 2, "chosen": true}, {"variant": 4, "chosen": false}]}]}]}""")))
                .isEqualTo("session s1 COMPLETED: 1/1 steps verified (best of 5: variant 2)");
    }

    @Test
    void aGuardrailRefusalNamesTheRuleOfTheLastAttempt() throws Exception {
        assertThat(SessionLine.of("s1", session("""
                {"status": "FAILED", "steps": [{"index": 0, "status": "VERIFIED"}, {"index": 1, "status": "FAILED",
                  "attemptHistory": [{"reason": "other"}, {"reason": "its last error: apply_patch: the patch breaks \
                1 guardrail; nothing was written:\\n- [secret] a.js: an AWS access key id"}]}]}""")))
                .isEqualTo("session s1 FAILED: step 2 rejected by guardrail secret");
    }

    @Test
    void bracketsThatNameNoRuleAreNotAGuardrail() throws Exception {
        assertThat(SessionLine.rule("expected [x] near [line-3]")).isEmpty();
        assertThat(SessionLine.rule("[note] then [no-deletes] README.md")).contains("no-deletes");
    }

    @Test
    void aTimeoutIsNamedWithItsCheck() throws Exception {
        assertThat(SessionLine.of("s1", session("""
                {"status": "FAILED", "steps": [{"index": 0, "status": "FAILED",
                  "attemptHistory": [{"reason": "check 'slow-suite' timed out after 2013 ms\\n(output)"}]}]}""")))
                .isEqualTo("session s1 FAILED: step 1 rejected: check 'slow-suite' timed out after 2013 ms");
    }

    @Test
    void otherReasonsAreCutToOneLine() throws Exception {
        String line = SessionLine.of("s1", session("""
                {"status": "FAILED", "steps": [{"index": 0, "status": "FAILED",
                  "attemptHistory": [{"reason": "unit-tests failed\\n%s"}]}]}""".formatted("x".repeat(400))));
        assertThat(line).startsWith("session s1 FAILED: step 1 rejected: unit-tests failed xxx").endsWith("...")
                .doesNotContain("\n");
    }

    @Test
    void aFailureBeforeAnyStepGivesTheSessionsReason() throws Exception {
        assertThat(SessionLine.of("s1", session("""
                {"status": "FAILED", "failureReason": "planning failed: no plan", "steps": []}""")))
                .isEqualTo("session s1 FAILED: planning failed: no plan");
    }
}
