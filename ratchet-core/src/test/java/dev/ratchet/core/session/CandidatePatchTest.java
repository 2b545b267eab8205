package dev.ratchet.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.event.EventIds;
import dev.ratchet.core.event.EventType;
import dev.ratchet.core.event.Execution;
import dev.ratchet.core.event.PatchStats;
import dev.ratchet.core.event.StepRejected;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.event.Verification;

class CandidatePatchTest {

    private static final String SESSION = "0f8e4c1a-6a4e-4b1e-9a57-3c2d1e0b7a10";
    private static final Instant T = Instant.parse("2026-11-30T12:00:00Z");
    private static final BlobRef WINNER = BlobRef.of(SESSION, "--- a/t.py\n+++ b/t.py\n@@ -1 +1 @@\n-a\n+b\n");
    private static final BlobRef ONE = BlobRef.of(SESSION, "one variant's patch");
    private static final BlobRef PERSON = BlobRef.of(SESSION, "a person's patch");
    private static final BlobRef LOSER = BlobRef.of(SESSION, "--- a/t.py\n+++ b/t.py\n@@ -1 +1 @@\n-a\n+c\n");

    private static VariantOutcome verified(int variant, BlobRef patch) {
        Execution execution = new Execution("executor-" + variant, "fast-coder", T, T.plusMillis(100),
                T.plusMillis(900), new Usage(300, 100, 700, 140));
        return new VariantOutcome(variant, AttemptStatus.VERIFIED, T.plusMillis(1500), null, null, null, patch,
                new PatchStats(List.of("t.py"), 1, 1), List.of(), execution,
                new Verification("verifier-1", T.plusMillis(1000), T.plusMillis(1400)), false, null);
    }

    private static VariantOutcome rejected(int variant, String stage, BlobRef patch) {
        return new VariantOutcome(variant, AttemptStatus.REJECTED, T.plusMillis(1500), stage, stage + " failed",
                "FAIL", patch, null, List.of(), null, null, false, null);
    }

    /**
     * s1: attempt 1 of five variants (0 verified, 1 rejected at check with its patch, 2 still running, 3 rejected at
     * execute, 4 rejected by a verdict written before rejections named their patch), attempt 2 of one, verified.
     */
    private static StepState step() {
        Attempt fanned = new Attempt(1, AttemptStatus.REQUESTED, T, null, null, null, null, null, null, List.of(),
                null, 0, T, 5, List.of(verified(0, WINNER), rejected(1, "check", LOSER),
                        rejected(3, "execute", null), rejected(4, "check", null)));
        Attempt single = new Attempt(2, AttemptStatus.VERIFIED, T, T.plusSeconds(2), null, null, null, null, null,
                List.of(), null, 0, T);
        Candidate candidate = new Candidate(Candidate.VARIANT_BASE + 1, "alice", 1, Candidate.Status.REJECTED, PERSON,
                PatchStats.EMPTY, T, T, "check", "failed");
        return new StepState("s1", 0, "Add a counter", "Add it", StepStatus.RUNNING, List.of(fanned, single),
                List.of(candidate));
    }

    private static final List<AcceptedPatch> CHAIN = List.of(new AcceptedPatch("s1", 2, 0, ONE));

    @Test
    void aVerifiedVariantsDiffIsFoundBeforeTheAttemptIsDecided() {
        assertThat(CandidatePatch.find(step(), 1, 0, CHAIN))
                .isEqualTo(new CandidatePatch(WINNER, "VERIFIED", null, null, null));
    }

    @Test
    void aRejectedVariantsDiffIsFoundLabelledWithWhyItLost() {
        CandidatePatch loser = CandidatePatch.find(step(), 1, 1, CHAIN);
        assertThat(loser).isEqualTo(new CandidatePatch(LOSER, "REJECTED", "check", "check failed", null));
        assertThat(loser.rejected()).isTrue();
        assertThat(CandidatePatch.find(step(), 1, 0, CHAIN).rejected()).isFalse();
    }

    @Test
    void aRejectedVerdictsPatchIsKeptOnItsVariantAndSentAgainWithIt() {
        StepRejected verdict = new StepRejected(EventIds.forStep(EventType.STEP_REJECTED, SESSION, "s1", 1, 1),
                SESSION, "s1", 1, 1, T, new StepRejected.Payload("check", "check failed", "FAIL", List.of(), null,
                        null, LOSER));
        VariantOutcome outcome = VariantOutcome.of(verdict, T);
        assertThat(outcome.patch()).isEqualTo(LOSER);
        assertThat(outcome.stats()).isNull();   // selection ranks verified variants by size only
        assertThat(outcome.verdict(SESSION, "s1", 1)).isEqualTo(verdict);
    }

    @Test
    void aOneVariantAttemptsDiffIsTheAcceptedPatch() {
        assertThat(CandidatePatch.find(step(), 2, 0, CHAIN).ref()).contains(ONE);
        assertThat(CandidatePatch.find(step(), 2, 0, List.of()).missing())
                .isEqualTo("variant 0 of attempt 2 of step s1 was verified, but its patch left the chain when the "
                        + "step was redone");
    }

    @Test
    void aPersonsCandidateIsFoundOnItsAttemptOnly() {
        assertThat(CandidatePatch.find(step(), 1, 101, CHAIN))
                .isEqualTo(new CandidatePatch(PERSON, "REJECTED", "check", "failed", null));
        assertThat(CandidatePatch.find(step(), 2, 101, CHAIN).missing())
                .isEqualTo("step s1 has no person's candidate 101 on attempt 2");
        assertThat(CandidatePatch.find(step(), 1, 102, CHAIN).missing())
                .isEqualTo("step s1 has no person's candidate 102 on attempt 1");
    }

    @Test
    void whatIsMissingIsNamed() {
        assertThat(CandidatePatch.find(step(), 1, 3, CHAIN).missing())
                .isEqualTo("variant 3 of attempt 1 of step s1 was rejected at execute with no patch to show (the "
                        + "executor produced none)");
        assertThat(CandidatePatch.find(step(), 1, 4, CHAIN).missing())
                .isEqualTo("variant 4 of attempt 1 of step s1 was rejected at check with no patch to show (its "
                        + "verdict names none)");
        assertThat(CandidatePatch.find(step(), 1, 2, CHAIN).missing())
                .isEqualTo("variant 2 of attempt 1 of step s1 has no verdict yet");
        assertThat(CandidatePatch.find(step(), 1, 5, CHAIN).missing())
                .isEqualTo("attempt 1 of step s1 has variants 0 to 4, not 5");
        assertThat(CandidatePatch.find(step(), 2, 1, CHAIN).missing())
                .isEqualTo("attempt 2 of step s1 has one variant (0), not 1");
        assertThat(CandidatePatch.find(step(), 3, 0, CHAIN).missing()).isEqualTo("step s1 has no attempt 3");
        assertThat(CandidatePatch.find(step(), 3, 0, CHAIN).ref()).isEmpty();
    }

    @Test
    void aVariantsTimingsAreItsOwnHopsFromTheAttemptsRequest() {
        Attempt fanned = step().attempts().get(0);
        assertThat(fanned.timings(verified(0, WINNER))).isEqualTo(new AttemptTimings(100, 700, 800, 100, 400, 1500,
                0, 800));
    }
}
