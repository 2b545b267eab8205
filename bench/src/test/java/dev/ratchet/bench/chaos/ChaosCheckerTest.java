package dev.ratchet.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.EventIds;
import dev.ratchet.core.event.EventType;
import dev.ratchet.core.session.Progress;

class ChaosCheckerTest {

    static final String ID = "5b0e7c1e-0000-4000-8000-000000000001";

    final List<List<String>> replayed = new ArrayList<>();

    @Test
    void aCompletedSessionWithOneVerifiedAttemptPerStepAndAGoodChainPassesAndItsChainIsReplayedInOrder() {
        ChaosChecker.Verdicts v = checker(List.of(), List.of()).check(List.of(SessionBuilder.completed(ID).build()));

        assertThat(v).isEqualTo(new ChaosChecker.Verdicts(1, 1, 0, 0, 0, List.of()));
        assertThat(replayed).containsExactly(List.of("diff --git a/step-1 b/step-1\n",
                "diff --git a/step-2 b/step-2\n", "diff --git a/step-3 b/step-3\n"));
    }

    @Test
    void aStepVerifiedTwiceIsDuplicatedInItsAttemptsItsProgressAndItsChain() {
        SessionRecord twice = SessionBuilder.session(ID).verified("step-1", 1, "executor-1")
                .verified("step-1", 2, "executor-2").verified("step-2", 1, "executor-1")
                .verified("step-3", 1, "executor-1").completedAt().build();

        ChaosChecker.Verdicts v = checker(List.of(), List.of()).check(List.of(twice));

        assertThat(v.duplicated()).isEqualTo(3);
        assertThat(v.findings()).extracting(Finding::detail).containsExactly(
                "step step-1 has 2 VERIFIED attempts",
                "step step-1 has 2 step.verified progress entries",
                "step step-1 is in the patch chain 2 times",
                "chain entry 2 is step step-1, the plan's is step-2",
                "chain entry 3 is step step-2, the plan's is step-3");
        assertThat(v.lost()).as("its chain is out of step with the plan too").isEqualTo(1);
    }

    @Test
    void aVerifiedStepWhosePatchIsMissingFromTheChainOrFromTheBlobsIsLost() {
        SessionRecord shortChain = SessionBuilder.completed(ID).withoutLastPatches(1).build();
        SessionRecord noBlob = SessionBuilder.completed("other").withoutBlob(1).build();

        ChaosChecker.Verdicts v = checker(List.of(), List.of()).check(List.of(shortChain, noBlob));

        assertThat(v.completed()).as("both say COMPLETED").isEqualTo(2);
        assertThat(v.lost()).isEqualTo(2);
        assertThat(v.findings()).extracting(Finding::toString).containsExactly(
                "lost " + ID + ": the patch of step step-3 (step 3) is missing from the chain",
                "lost other: the patch of step step-2 is missing from the session's blobs (or its SHA-256 differs)");
        assertThat(replayed).as("a chain known to be broken is not replayed").isEmpty();
    }

    @Test
    void aChainThatDoesNotPassItsCheckWhenReplayedIsLost() {
        ChaosChecker checker = new ChaosChecker(List.of(), List.of(),
                (s, patches) -> Optional.of("3 patches applied, check failed (exit 1): FAILED (failures=1)"));

        ChaosChecker.Verdicts v = checker.check(List.of(SessionBuilder.completed(ID).build()));

        assertThat(v.lost()).isEqualTo(1);
        assertThat(v.findings()).extracting(Finding::detail)
                .containsExactly("3 patches applied, check failed (exit 1): FAILED (failures=1)");
    }

    @Test
    void aSecondStartOfAnAttemptWhileItsFirstExecutorLivedAndKeptItsLeaseIsAParallelExecution() {
        SessionBuilder b = SessionBuilder.session(ID).requested("step-1", 1).started("step-1", 1, "executor-1");
        b.started("step-1", 1, "executor-2").executed("step-1", 1, "executor-2").verify("step-1", 1);
        SessionRecord s = b.verified("step-2", 1, "executor-1").verified("step-3", 1, "executor-2").completedAt()
                .build();

        ChaosChecker.Verdicts v = checker(List.of(), List.of()).check(List.of(s));

        assertThat(v.duplicated()).isEqualTo(1);
        assertThat(v.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Finding.Kind.DUPLICATED);
            assertThat(f.detail()).startsWith("attempt 1 of step step-1 started on executor-1 at ")
                    .contains(" and again on executor-2 at ")
                    .endsWith("with executor-1 neither killed in between nor reporting its lease lost");
        });
    }

    @Test
    void aSecondStartAfterTheFirstExecutorWasKilledOrLostItsLeaseIsATakeOver() {
        SessionBuilder b = SessionBuilder.session(ID).requested("step-1", 1).started("step-1", 1, "executor-1");
        long firstStart = b.now();
        b.entry(Progress.STEP_REDELIVERED, "step-1", 1, "step 1/3 attempt 1 sent again").started("step-1", 1,
                "executor-2");
        long secondStart = b.now();
        SessionRecord s = b.executed("step-1", 1, "executor-2").verify("step-1", 1)
                .verified("step-2", 1, "executor-1").verified("step-3", 1, "executor-2").completedAt().build();
        String lease = "executor:" + EventIds.forStep(EventType.STEP_REQUESTED, ID, "step-1", 1, 0);

        Kill between = new Kill("executor-1", firstStart + 500, Set.of(ID));
        Kill after = new Kill("executor-1", secondStart + 500, Set.of(ID));
        Kill otherService = new Kill("executor-2", firstStart + 500, Set.of(ID));

        assertThat(checker(List.of(between), List.of()).check(List.of(s)).duplicated()).isZero();
        assertThat(checker(List.of(), List.of(new LeaseLoss("executor-1", lease))).check(List.of(s)).duplicated())
                .isZero();
        assertThat(checker(List.of(after), List.of()).check(List.of(s)).duplicated())
                .as("killed only after the second start: both ran at once").isEqualTo(1);
        assertThat(checker(List.of(otherService), List.of()).check(List.of(s)).duplicated()).isEqualTo(1);
        assertThat(checker(List.of(), List.of(new LeaseLoss("executor-2", lease))).check(List.of(s)).duplicated())
                .as("another executor's lease loss says nothing about executor-1").isEqualTo(1);
    }

    @Test
    void twoExecutedEntriesForOneAttemptAreDuplicatedEvenAfterAKill() {
        SessionBuilder b = SessionBuilder.session(ID).requested("step-1", 1).started("step-1", 1, "executor-1")
                .executed("step-1", 1, "executor-1");
        Kill kill = new Kill("executor-1", b.now() + 500, Set.of(ID));
        SessionRecord s = b.started("step-1", 1, "executor-2").executed("step-1", 1, "executor-2")
                .verify("step-1", 1).verified("step-2", 1, "executor-1").verified("step-3", 1, "executor-2")
                .completedAt().build();

        ChaosChecker.Verdicts v = checker(List.of(kill), List.of()).check(List.of(s));

        assertThat(v.findings()).extracting(Finding::detail)
                .containsExactly("attempt 1 of step step-1 has 2 step.executed progress entries");
    }

    @Test
    void aFailedSessionIsLostAnUnfinishedOneStuckAndOneRedisDoesNotKnowLost() {
        SessionRecord failed = SessionBuilder.session("failed").verified("step-1", 1, "executor-1")
                .entry(Progress.SESSION_FAILED, null, 0, "session failed").status("FAILED").build();
        SessionRecord running = SessionBuilder.session("running").verified("step-1", 1, "executor-1")
                .requested("step-2", 1).status("RUNNING").build();

        ChaosChecker.Verdicts v = checker(List.of(), List.of()).check(List.of(failed, running,
                SessionRecord.missing("gone")));

        assertThat(v).extracting(ChaosChecker.Verdicts::sessions, ChaosChecker.Verdicts::completed,
                ChaosChecker.Verdicts::lost, ChaosChecker.Verdicts::duplicated, ChaosChecker.Verdicts::stuck)
                .containsExactly(3, 0, 2, 0, 1);
        assertThat(v.findings()).extracting(Finding::toString).containsExactly(
                "lost failed: FAILED: step step-2 failed after 3 attempts",
                "stuck running: RUNNING at the deadline; last progress: step 2/3 \"step-2\" attempt 1 requested",
                "lost gone: the session hash is not in Redis");
    }

    private ChaosChecker checker(List<Kill> kills, List<LeaseLoss> losses) {
        return new ChaosChecker(kills, losses, (s, patches) -> {
            replayed.add(patches);
            return Optional.empty();
        });
    }
}
