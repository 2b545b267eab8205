package dev.ratchet.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.CheckResult;
import dev.ratchet.core.event.Execution;
import dev.ratchet.core.event.PatchStats;
import dev.ratchet.core.event.StepRejected;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.core.event.StepWork;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.event.Verification;

class AttemptTest {

    private static final Instant T = Instant.parse("2025-03-01T12:00:00Z");
    private static final Usage USAGE = new Usage(800, 200, 2500, 80);

    private static Attempt decided(Execution execution, Verification verification, Instant decidedAt) {
        return new Attempt(1, AttemptStatus.VERIFIED, T, decidedAt, null, null, null, execution, verification,
                List.of(), PatchStats.EMPTY, 0, T);
    }

    @Test
    void timingsSplitTheAttemptIntoHops() {
        Execution execution = new Execution("executor-1", "fast-coder", T, T.plusMillis(2000), T.plusMillis(5000),
                USAGE);
        Verification verification = new Verification("verifier-1", T.plusMillis(5500), T.plusMillis(9000));

        AttemptTimings timings = decided(execution, verification, T.plusMillis(9200)).timings();

        assertThat(timings).isEqualTo(new AttemptTimings(2000, 2500, 3000, 500, 3500, 9200));
    }

    @Test
    void hopsThatDidNotHappenAreZero() {
        assertThat(Attempt.requested(1, T).timings()).isEqualTo(new AttemptTimings(0, 0, 0, 0, 0, 0));
        Execution noUsage = new Execution("executor-1", "fast-coder", T, T.plusMillis(100), T.plusMillis(400), null);
        assertThat(decided(noUsage, null, T.plusMillis(700)).timings())
                .isEqualTo(new AttemptTimings(100, 0, 300, 0, 0, 700));
    }

    @Test
    void orchestrationIsWallTimeLessModelAndChecksThatRan() {
        Execution execution = new Execution("executor-1", "fast-coder", T, T.plusMillis(9), T.plusMillis(520),
                new Usage(800, 400, 500, 800));
        Verification verification = new Verification("verifier-1", T.plusMillis(527), T.plusMillis(940));
        List<CheckResult> checks = List.of(
                new CheckResult("unit", "pytest -q", 0, true, false, 300, "3 passed"),
                new CheckResult("lint", "ruff .", 0, true, false, 90, "", null, null, true, null, List.of()),
                CheckResult.skipped(new Check("types", "mypy .", 60), "no mypy"));
        Attempt attempt = new Attempt(1, AttemptStatus.VERIFIED, T, T.plusMillis(950), null, null, null, execution,
                verification, checks, PatchStats.EMPTY, 0, T);

        AttemptTimings t = attempt.timings();

        assertThat(t.checksMs()).as("the cached lint and the skipped check took no time in this step").isEqualTo(300);
        assertThat(t.orchestrationMs()).as("950 - 500 model - 300 checks").isEqualTo(150);
    }

    @Test
    void orchestrationIsNeverNegativeAndZeroBeforeTheVerdict() {
        assertThat(AttemptTimings.orchestration(1000, 900, 200)).as("clocks a few ms apart").isZero();
        assertThat(AttemptTimings.orchestration(0, 900, 0)).as("not decided yet").isZero();
        assertThat(AttemptTimings.orchestration(1010, 900, 100)).isEqualTo(10);
    }

    @Test
    void clockSkewNeverGivesNegativeTimes() {
        Execution early = new Execution("executor-1", "fast-coder", T, T.minusMillis(30), T.plusMillis(100), USAGE);

        assertThat(decided(early, null, T.plusMillis(200)).timings().queueWaitMs()).isZero();
    }

    @Test
    void usageIsNoneWithoutExecution() {
        assertThat(Attempt.requested(2, T).usage()).isEqualTo(Usage.NONE);
        assertThat(Attempt.requested(2, T).status()).isEqualTo(AttemptStatus.REQUESTED);
        assertThat(Attempt.requested(2, T).checks()).isEmpty();
    }

    @Test
    void decidedTakesWhatTheVerdictReports() {
        StepRequested request = StepRequested.of("sess", "s1", 1, 0, T, new StepRequested.Payload(
                new StepWork(0, 0, 1, "t", "i", "g"), List.of(), 4000));
        StepVerified verified = Verdicts.verified(request, USAGE);
        StepRejected rejected = Verdicts.rejected(request, USAGE, "unit failed", "AssertionError");
        Attempt requested = Attempt.requested(1, T);

        Attempt ok = requested.decided(verified, T.plusSeconds(7));
        Attempt no = requested.decided(rejected, T.plusSeconds(7));

        assertThat(ok.status()).isEqualTo(AttemptStatus.VERIFIED);
        assertThat(ok.decidedAt()).isEqualTo(T.plusSeconds(7));
        assertThat(ok.stats()).isEqualTo(verified.payload().stats());
        assertThat(ok.checks()).isEqualTo(verified.payload().checks());
        assertThat(ok.reason()).isNull();
        assertThat(ok.usage()).isEqualTo(USAGE);
        assertThat(ok.timings()).as("orchestration: 7000 total - 2500 model - 1800 unit check")
                .isEqualTo(new AttemptTimings(1000, 2500, 2000, 1000, 2000, 7000, 1800, 2700));
        assertThat(no.status()).isEqualTo(AttemptStatus.REJECTED);
        assertThat(no.stage()).isEqualTo(StepRejected.STAGE_CHECK);
        assertThat(no.reason()).isEqualTo("unit failed");
        assertThat(no.outputTail()).isEqualTo("AssertionError");
        assertThat(no.checks()).extracting(CheckResult::passed).containsExactly(false);
        assertThat(no.stats()).isNull();
        assertThat(no.requestedAt()).isEqualTo(T);
    }
}
