package dev.ratchet.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.CheckResult;
import dev.ratchet.core.event.CleanupResult;
import dev.ratchet.core.files.SessionFiles;
import dev.ratchet.core.event.Execution;
import dev.ratchet.core.event.PatchStats;
import dev.ratchet.core.event.RatchetEvent;
import dev.ratchet.core.event.Sampling;
import dev.ratchet.core.event.SessionCompleted;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRejected;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.StepVerdict;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.event.Verification;
import dev.ratchet.core.guardrail.Guardrails;
import dev.ratchet.core.json.Json;
import dev.ratchet.core.plan.PlanScope;
import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.core.session.Transition.Outcome;

/**
 * Best-of-N: an attempt fanned out to several variants, collected on the step and decided by
 * {@link VariantSelection}. Expected event ids are literals (variant 0's is the id a step of one variant has always
 * had, pinned in SessionMachineTest).
 */
class VariantDecisionTest {

    private static final Instant T0 = SessionMachineTest.T0;
    private static final Instant AT = T0.plusSeconds(20);
    private static final List<PlanStep> ONE_STEP = List.of(new PlanStep("s1", "Add greet()", "Add greet(name)"));

    private final SessionMachine machine = new SessionMachine(2, 8000);

    private static Session session(int variants, Selection select) {
        return Session.created(SessionMachineTest.ID, "/srv/repos/demo", "Greet users by name", "abc1234def",
                SessionMachineTest.CHECKS, new StepPolicy(Guardrails.DEFAULTS, 8, variants, select), T0);
    }

    private Transition planned(int variants, Selection select) {
        return machine.planned(session(variants, select), ONE_STEP, AT);
    }

    private static List<StepRequested> requests(Transition t) {
        return t.events().stream().filter(StepRequested.class::isInstance).map(StepRequested.class::cast).toList();
    }

    private static StepVerified passed(StepRequested r, int changedLines, int tokens) {
        return passed(r, changedLines, tokens, List.of());
    }

    /** Passed, with a lint check ahead of the tests that found {@code findings} (null: not counted). */
    private static StepVerified linted(StepRequested r, int changedLines, int tokens, Integer findings) {
        return passed(r, changedLines, tokens, List.of(new CheckResult("lint", "ruff check --output-format concise",
                0, true, false, 200, "", null, null, false, null, List.of(), findings)));
    }

    private static StepVerified passed(StepRequested r, int changedLines, int tokens, List<CheckResult> before) {
        StepExecuted executed = executed(r, tokens);
        List<CheckResult> checks = new ArrayList<>(before);
        checks.add(new CheckResult("unit", "pytest -q", 0, true, false, 900, "3 passed"));
        return StepVerified.of(executed, r.occurredAt().plusSeconds(6), new StepVerified.Payload(
                executed.payload().patch(), executed.payload().stats().linesAdded() == changedLines
                        ? executed.payload().stats() : new PatchStats(List.of("src/app.py"), changedLines, 0),
                checks, executed.payload().execution(), verification(r)));
    }

    private static StepRejected failed(StepRequested r, String stage, String reason, int tokens) {
        StepExecuted executed = executed(r, tokens);
        return StepRejected.of(executed, r.occurredAt().plusSeconds(6), new StepRejected.Payload(stage, reason,
                "FAILED test_greet (variant " + r.variant() + ")", stage.equals(StepRejected.STAGE_CHECK)
                        ? List.of(new CheckResult("unit", "pytest -q", 1, false, false, 900, "1 failed"))
                        : List.of(), executed.payload().execution(), verification(r)));
    }

    private static StepExecuted executed(StepRequested r, int tokens) {
        Usage usage = new Usage(tokens - 100, 100, 1000, 100);
        return StepExecuted.of(r, r.occurredAt().plusSeconds(3), new StepExecuted.Payload(r.payload().work(),
                Verdicts.patchFor(r), Verdicts.statsFor(r), new Execution("executor-" + r.variant(), "fast-coder",
                        r.occurredAt(), r.occurredAt().plusSeconds(1), r.occurredAt().plusSeconds(3), usage), null));
    }

    private static Verification verification(StepRequested r) {
        return new Verification("verifier-1", r.occurredAt().plusSeconds(4), r.occurredAt().plusSeconds(6));
    }

    @Test
    void anAttemptFansOutToNVariantsEachSampledDifferently() {
        Transition t = planned(5, null);

        List<StepRequested> sent = requests(t);
        assertThat(sent).extracting(StepRequested::variant).containsExactly(0, 1, 2, 3, 4);
        assertThat(sent).extracting(StepRequested::attempt).containsOnly(1);
        assertThat(sent.get(0).eventId()).as("variant 0 keeps the id of a step of one variant")
                .isEqualTo(UUID.fromString("b4033583-c8c8-3bdc-a5e1-5c673b6fb12b"));
        assertThat(sent).extracting(StepRequested::eventId).doesNotHaveDuplicates();
        assertThat(sent).extracting(r -> r.payload().sampling()).containsExactly(new Sampling(0.2, 0),
                new Sampling(0.4, 1), new Sampling(0.6, 2), new Sampling(0.8, 3), new Sampling(1.0, 4));
        Attempt attempt = t.session().steps().get(0).lastAttempt();
        assertThat(attempt.width()).isEqualTo(5);
        assertThat(attempt.missingVariants()).containsExactly(0, 1, 2, 3, 4);
        assertThat(t.progress()).last().extracting(Progress::message)
                .isEqualTo("step 1/1 \"Add greet()\" attempt 1 requested (5 variants)");
    }

    @Test
    void aStepOfOneVariantIsRequestedExactlyAsBeforeVariantsExisted() {
        StepRequested only = SessionMachineTest.request(planned(1, null));

        assertThat(only.payload().sampling()).isNull();
        assertThat(Json.write(only.payload())).doesNotContain("sampling");
        assertThat(Json.write(planned(1, null).session().steps())).doesNotContain("fanOut").doesNotContain("variants");
        assertThat(Json.write(StepPolicy.DEFAULTS)).isEqualTo(Json.write(new StepPolicy(Guardrails.DEFAULTS, 8)))
                .doesNotContain("variants").doesNotContain("select");
    }

    @Test
    void variantKOfAFannedOutAttemptCarriesTheStepsKthApproachAndEveryAttemptAgain() {
        PlanStep hinted = new PlanStep("s1", "Add greet()", "Add greet(name)", 3, PlanScope.NONE,
                List.of("an f-string", "str.format"));
        Transition t = machine.planned(session(1, null), List.of(hinted), AT);

        List<StepRequested> sent = requests(t);
        assertThat(sent).extracting(r -> r.payload().sampling()).containsExactly(new Sampling(0.2, 0, "an f-string"),
                new Sampling(0.4, 1, "str.format"), new Sampling(0.6, 2, null));
        assertThat(Json.write(sent.get(2).payload())).as("a variant past the hints carries none")
                .doesNotContain("approach");
        assertThat(t.session().steps().get(0).planStep()).as("kept on the step, shown in its plan").isEqualTo(hinted);

        Transition s = t;
        for (StepRequested r : sent) {
            s = machine.onVerdict(s.session(), failed(r, StepRejected.STAGE_CHECK, "unit failed", 500), AT);
        }
        assertThat(requests(s)).extracting(r -> r.payload().sampling().approach())
                .as("the next round is told the same approaches").containsExactly("an f-string", "str.format", null);
    }

    @Test
    void aPlanStepOverridesTheSessionsNumberOfVariants() {
        Transition t = machine.planned(session(1, null), List.of(new PlanStep("s1", "Add greet()", "Add it", 3),
                new PlanStep("s2", "Test greet()", "Test it")), AT);

        assertThat(requests(t)).hasSize(3);
        StepRequested r = requests(t).get(1);
        Transition next = machine.onVerdict(t.session(), passed(requests(t).get(0), 2, 500), AT);
        next = machine.onVerdict(next.session(), passed(r, 2, 500), AT);
        next = machine.onVerdict(next.session(), passed(requests(t).get(2), 2, 500), AT);

        assertThat(requests(next)).as("s2 has the session's one variant").singleElement()
                .satisfies(s2 -> assertThat(s2.payload().sampling()).isNull());
    }

    @Test
    void verdictsAreCollectedUntilEveryVariantAnsweredThenTheSmallestPassingPatchWins() {
        Transition t = planned(3, null);
        List<StepRequested> sent = requests(t);

        Transition first = machine.onVerdict(t.session(), passed(sent.get(0), 9, 800), AT.plusSeconds(6));
        Transition second = machine.onVerdict(first.session(), failed(sent.get(1), StepRejected.STAGE_CHECK,
                "unit failed", 700), AT.plusSeconds(7));

        assertThat(second.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(second.events()).as("still waiting for variant 2").isEmpty();
        assertThat(second.session().steps().get(0).status()).isEqualTo(StepStatus.RUNNING);
        assertThat(second.session().steps().get(0).lastAttempt().missingVariants()).containsExactly(2);
        assertThat(second.progress()).singleElement().extracting(Progress::message).isEqualTo(
                "step 1/1 \"Add greet()\" attempt 1 variant 1 of 3 rejected at check: unit failed (700 tokens)");
        assertThat(second.progress()).singleElement().extracting(Progress::variant).isEqualTo(1);

        Transition third = machine.onVerdict(second.session(), passed(sent.get(2), 4, 900), AT.plusSeconds(8));

        assertThat(third.accepted()).hasValueSatisfying(p -> assertThat(p.variant()).isEqualTo(2));
        Attempt decided = third.session().steps().get(0).lastAttempt();
        assertThat(decided.status()).isEqualTo(AttemptStatus.VERIFIED);
        assertThat(decided.stats().linesAdded()).isEqualTo(4);
        assertThat(decided.winner()).hasValueSatisfying(w -> assertThat(w.variant()).isEqualTo(2));
        assertThat(decided.variants()).extracting(VariantOutcome::variant, VariantOutcome::chosen,
                VariantOutcome::note).containsExactly(
                        tuple(0, false,
                                "passed, but changed 9 lines against the winner's 4"),
                        tuple(1, false, "rejected at check: unit failed"),
                        tuple(2, true,
                                "winner: passed with the fewest changed lines (4), then lint findings (not counted), "
                                        + "then tokens (900), of 2 passing"));
        assertThat(third.progress()).extracting(Progress::message).contains(
                "step 1/1 \"Add greet()\" attempt 1 verified (best of 3: variant 2) (unit passed in 900 ms)");
        assertThat(third.progress()).last().extracting(Progress::message).isEqualTo("session "
                + SessionMachineTest.ID + " COMPLETED: 1/1 steps verified (best of 3: variant 2)");
        assertThat(third.events()).singleElement().isInstanceOf(SessionCompleted.class);
        assertThat(third.session().usage().tokensIn() + third.session().usage().tokensOut())
                .as("every variant's tokens count").isEqualTo(800 + 700 + 900);
    }

    @Test
    void verifyMdListsEveryCandidateWithItsOutcomeSizeTokensAndWhyTheWinnerWon() {
        Transition t = planned(3, null);
        List<StepRequested> sent = requests(t);
        Transition s = machine.onVerdict(t.session(), passed(sent.get(0), 9, 800), AT);
        s = machine.onVerdict(s.session(), failed(sent.get(1), StepRejected.STAGE_CHECK, "unit failed", 700), AT);
        s = machine.onVerdict(s.session(), passed(sent.get(2), 4, 900), AT);

        String md = SessionFiles.render("VERIFY.md", s.session(), s.progress(),
                new SessionFiles.Agents("planner", "coder", null)).orElseThrow();

        assertThat(md).contains("- 1. Add greet(), attempt 1: VERIFIED\n"
                + "  best of 3: variant 2 won\n"
                + "  - variant 0: VERIFIED, +9 -0 lines, 800 tokens, by executor-0 - passed, but changed 9 lines "
                + "against the winner's 4\n"
                + "    - PASS unit (exit 0, 900 ms)\n"
                + "  - variant 1: REJECTED at check, 700 tokens, by executor-1 - rejected at check: "
                + "unit failed\n"
                + "    - FAIL unit (exit 1, 900 ms)\n"
                + "  - variant 2 (winner): VERIFIED, +4 -0 lines, 900 tokens, by executor-2 - winner: passed with "
                + "the fewest changed lines (4), then lint findings (not counted), then tokens (900), of 2 passing\n"
                + "    - PASS unit (exit 0, 900 ms)\n");
    }

    @Test
    void theWinnerDoesNotDependOnTheOrderVerdictsArrivedIn() {
        Transition t = planned(3, null);
        List<StepRequested> sent = requests(t);
        Transition a = t;
        Transition b = t;
        for (int i = 0; i < 3; i++) {
            a = machine.onVerdict(a.session(), passed(sent.get(i), 5, 500), AT);
            b = machine.onVerdict(b.session(), passed(sent.get(2 - i), 5, 500), AT);
        }

        assertThat(a.accepted()).hasValueSatisfying(p -> assertThat(p.variant()).isZero());
        assertThat(b.accepted()).isEqualTo(a.accepted());
    }

    @Test
    void selectionTieBreaksFewestLinesThenFewestTokensThenLowestVariant() {
        List<StepRequested> sent = requests(planned(4, null));
        VariantOutcome bigCheap = VariantOutcome.of(passed(sent.get(0), 8, 300), AT);
        VariantOutcome smallDear = VariantOutcome.of(passed(sent.get(1), 3, 900), AT);
        VariantOutcome smallCheap = VariantOutcome.of(passed(sent.get(3), 3, 400), AT);
        VariantOutcome smallCheapLow = VariantOutcome.of(passed(sent.get(2), 3, 400), AT);
        VariantOutcome failedTiny = VariantOutcome.of(failed(sent.get(0), StepRejected.STAGE_CHECK, "unit", 10), AT);

        assertThat(VariantSelection.winner(List.of(failedTiny, bigCheap))).contains(bigCheap);
        assertThat(VariantSelection.winner(List.of(bigCheap, smallDear))).contains(smallDear);
        assertThat(VariantSelection.winner(List.of(smallDear, smallCheap))).contains(smallCheap);
        assertThat(VariantSelection.winner(List.of(smallCheap, smallCheapLow))).contains(smallCheapLow);
        assertThat(VariantSelection.winner(List.of(failedTiny))).isEmpty();
        assertThat(VariantSelection.why(smallCheap, smallDear))
                .isEqualTo("passed with 3 changed lines and no lint count like the winner, but used 900 tokens "
                        + "against 400");
        assertThat(VariantSelection.why(smallCheapLow, smallCheap))
                .isEqualTo("tied with the winner on lines, lint findings and tokens; the lower variant id wins");
    }

    @Test
    void lintFindingsBreakATieOnChangedLinesBeforeTokensAndAnUnknownCountSortsLast() {
        List<StepRequested> sent = requests(planned(5, null));
        VariantOutcome bigClean = VariantOutcome.of(linted(sent.get(0), 8, 300, 0), AT);
        VariantOutcome smallWarnsCheap = VariantOutcome.of(linted(sent.get(1), 3, 300, 2), AT);
        VariantOutcome smallCleanDear = VariantOutcome.of(linted(sent.get(2), 3, 900, 0), AT);
        VariantOutcome smallUncountedCheap = VariantOutcome.of(passed(sent.get(3), 3, 100), AT);
        VariantOutcome smallCleanDearHigh = VariantOutcome.of(linted(sent.get(4), 3, 900, 0), AT);

        assertThat(VariantSelection.winner(List.of(bigClean, smallWarnsCheap)))
                .as("changed lines come before lint").contains(smallWarnsCheap);
        assertThat(VariantSelection.winner(List.of(smallWarnsCheap, smallCleanDear)))
                .as("lint comes before tokens").contains(smallCleanDear);
        assertThat(VariantSelection.winner(List.of(smallUncountedCheap, smallWarnsCheap)))
                .as("an unknown count sorts after any known one").contains(smallWarnsCheap);
        assertThat(VariantSelection.winner(List.of(smallCleanDearHigh, smallCleanDear)))
                .as("then the variant id").contains(smallCleanDear);
        assertThat(smallUncountedCheap.lintFindings()).isNull();
        assertThat(smallWarnsCheap.lintFindings()).isEqualTo(2);

        assertThat(VariantSelection.why(smallCleanDear, smallWarnsCheap))
                .isEqualTo("passed with 3 changed lines like the winner, but with 2 lint findings against the "
                        + "winner's 0 lint findings");
        assertThat(VariantSelection.why(smallWarnsCheap, smallUncountedCheap))
                .isEqualTo("passed with 3 changed lines like the winner, but with no lint count against the "
                        + "winner's 2 lint findings");
        assertThat(VariantSelection.why(smallCleanDear, smallCleanDearHigh))
                .isEqualTo("tied with the winner on lines, lint findings and tokens; the lower variant id wins");
    }

    @Test
    void verifyMdShowsEachCandidatesLintFindingsAndTheWinnersNoteNamesThem() {
        Transition t = planned(2, null);
        List<StepRequested> sent = requests(t);
        Transition s = machine.onVerdict(t.session(), linted(sent.get(0), 4, 500, 3), AT);
        s = machine.onVerdict(s.session(), linted(sent.get(1), 4, 900, 1), AT);

        assertThat(s.accepted()).hasValueSatisfying(p -> assertThat(p.variant()).isEqualTo(1));
        String md = SessionFiles.render("VERIFY.md", s.session(), s.progress(),
                new SessionFiles.Agents("planner", "coder", null)).orElseThrow();
        assertThat(md).contains("  - variant 0: VERIFIED, +4 -0 lines, 3 lint findings, 500 tokens, by executor-0 - "
                + "passed with 4 changed lines like the winner, but with 3 lint findings against the winner's 1 "
                + "lint finding\n"
                + "    - PASS lint (exit 0, 200 ms, 3 lint findings)\n"
                + "    - PASS unit (exit 0, 900 ms)\n"
                + "  - variant 1 (winner): VERIFIED, +4 -0 lines, 1 lint finding, 900 tokens, by executor-1 - "
                + "winner: passed with the fewest changed lines (4), then lint findings (1), then tokens (900), of 2 "
                + "passing\n");
    }

    @Test
    void selectFirstAcceptsTheFirstPassingVariantAtOnceAndIgnoresTheRest() {
        Transition t = planned(3, Selection.FIRST);
        List<StepRequested> sent = requests(t);
        Transition rejected = machine.onVerdict(t.session(), failed(sent.get(2), StepRejected.STAGE_APPLY,
                "hunk 1 does not apply", 400), AT);
        assertThat(rejected.events()).isEmpty();

        Transition first = machine.onVerdict(rejected.session(), passed(sent.get(1), 12, 900), AT);

        assertThat(first.accepted()).hasValueSatisfying(p -> assertThat(p.variant()).isEqualTo(1));
        assertThat(first.session().steps().get(0).lastAttempt().variants())
                .extracting(VariantOutcome::variant, VariantOutcome::note).containsExactly(
                        tuple(1, "winner: the first to pass (select: first)"),
                        tuple(2, "rejected at apply: hunk 1 does not apply"));
        Transition late = machine.onVerdict(first.session(), passed(sent.get(0), 1, 100), AT);
        assertThat(late.outcome()).as("a better variant after the decision changes nothing")
                .isEqualTo(Outcome.IGNORED);
        assertThat(late.session()).isEqualTo(first.session());
    }

    @Test
    void whenNoVariantPassesTheAttemptIsRejectedWithTheBestFailingFeedbackAndTheNextRoundFansOutAgain() {
        Transition t = planned(3, null);
        List<StepRequested> sent = requests(t);
        Transition s = machine.onVerdict(t.session(), failed(sent.get(0), StepRejected.STAGE_APPLY,
                "hunk 1 does not apply", 300), AT);
        s = machine.onVerdict(s.session(), failed(sent.get(1), StepRejected.STAGE_CHECK, "unit failed", 900), AT);
        s = machine.onVerdict(s.session(), failed(sent.get(2), StepRejected.STAGE_EXECUTE, "no patch", 100), AT);

        assertThat(s.accepted()).isEmpty();
        Attempt first = s.session().steps().get(0).attempts().get(0);
        assertThat(first.status()).isEqualTo(AttemptStatus.REJECTED);
        assertThat(first.reason()).as("the one that got furthest: a check ran").isEqualTo("unit failed");
        assertThat(first.winner()).hasValueSatisfying(w -> assertThat(w.variant()).isEqualTo(1));
        assertThat(s.progress()).extracting(Progress::message).contains("step 1/1 \"Add greet()\" attempt 1 "
                + "rejected (none of 3 variants passed; best failing: variant 1) at check: unit failed");
        List<StepRequested> round2 = requests(s);
        assertThat(round2).extracting(StepRequested::attempt).containsOnly(2);
        assertThat(round2).extracting(StepRequested::variant).containsExactly(0, 1, 2);
        assertThat(round2).extracting(r -> r.payload().sampling().seed()).containsExactly(64L, 65L, 66L);
        assertThat(round2.get(0).payload().feedback()).singleElement().asString()
                .startsWith("at check: unit failed").contains("(variant 1)");

        // the last round fails the step as a single attempt would
        Transition end = s;
        for (StepRequested r : round2) {
            end = machine.onVerdict(end.session(), failed(r, StepRejected.STAGE_CHECK, "still failing", 500), AT);
        }
        assertThat(end.session().status()).isEqualTo(SessionStatus.FAILED);
        assertThat(end.session().failureReason()).contains("rejected 2 times");
    }

    @Test
    void aDeadlineWithSomeVerdictsInDecidesOnThoseAndOneWithNoneSendsTheMissingVariantsAgain() {
        Transition t = planned(3, null);
        List<StepRequested> sent = requests(t);
        Instant late = AT.plus(Deadlines.DEFAULTS.unclaimed()).plusSeconds(1);

        Transition nothing = machine.onDeadline(t.session(), Liveness.NOBODY, late);
        assertThat(nothing.events()).as("no verdict yet: the requests go out again, same ids").isEqualTo(t.events());

        Transition one = machine.onVerdict(t.session(), passed(sent.get(1), 3, 500), AT.plusSeconds(5));
        assertThat(machine.onDeadline(one.session(), new Liveness(true, Liveness.Reached.CLAIMED), late).outcome())
                .as("someone still works on a variant").isEqualTo(Outcome.IGNORED);
        assertThat(machine.onDeadline(one.session(), Liveness.NOBODY, AT.plusSeconds(10)).outcome())
                .as("not due yet").isEqualTo(Outcome.IGNORED);

        Transition due = machine.onDeadline(one.session(), Liveness.NOBODY, late);

        assertThat(due.accepted()).hasValueSatisfying(p -> assertThat(p.variant()).isEqualTo(1));
        assertThat(due.progress()).first().extracting(Progress::message).isEqualTo("step 1/1 \"Add greet()\" "
                + "attempt 1 deadline passed with 1 of 3 variants answered; deciding without variants 0, 2");
        assertThat(due.progress()).last().extracting(Progress::message).asString()
                .endsWith("COMPLETED: 1/1 steps verified (best of 3: variant 1)");
    }

    @Test
    void aVariantWhoseOwnerIsGoneIsSentAgainWhileTheOthersStillWork() {
        Transition t = planned(3, null);
        List<StepRequested> sent = requests(t);
        Transition one = machine.onVerdict(t.session(), passed(sent.get(1), 3, 500), AT.plusSeconds(5));

        Transition orphan = machine.onDeadline(one.session(), new Liveness(true, Liveness.Reached.CLAIMED,
                List.of(2), Optional.empty()), AT.plusSeconds(8));

        assertThat(orphan.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(orphan.events()).as("the orphaned variant alone, with its id: the live owner of variant 0 keeps "
                + "its work and is sent nothing").containsExactly(sent.get(2));
        assertThat(orphan.progress()).singleElement().extracting(Progress::message).isEqualTo("step 1/1 \"Add "
                + "greet()\" attempt 1 sent again (1 of 3): the owner of variant 2 stopped without an answer while "
                + "the others work");
        assertThat(orphan.session().status()).isEqualTo(SessionStatus.RUNNING);
        assertThat(machine.onDeadline(one.session(), new Liveness(true, Liveness.Reached.CLAIMED), AT.plusSeconds(8))
                .outcome()).as("every owner alive: nothing to do").isEqualTo(Outcome.IGNORED);
    }

    @Test
    void aRedeliveredVerdictOfALoserOrOfTheWinnerChangesNothingAndResendsWhatFollowed() {
        Transition t = planned(2, null);
        List<StepRequested> sent = requests(t);
        StepRejected loser = failed(sent.get(0), StepRejected.STAGE_CHECK, "unit failed", 500);
        StepVerified winner = passed(sent.get(1), 2, 500);
        Transition collecting = machine.onVerdict(t.session(), loser, AT);

        Transition again = machine.onVerdict(collecting.session(), loser, AT.plusSeconds(1));
        assertThat(again.outcome()).as("a duplicate while collecting").isEqualTo(Outcome.REPLAYED);
        assertThat(again.events()).isEmpty();
        assertThat(again.session()).isEqualTo(collecting.session());

        Transition decided = machine.onVerdict(collecting.session(), winner, AT.plusSeconds(2));
        assertThat(decided.accepted()).isPresent();

        for (RatchetEvent duplicate : List.of(loser, winner)) {
            Transition replay = machine.onVerdict(decided.session(), (StepVerdict) duplicate,
                    AT.plusSeconds(3));
            assertThat(replay.outcome()).isEqualTo(Outcome.REPLAYED);
            assertThat(replay.accepted()).as("never a second patch").isEmpty();
            assertThat(replay.session()).isEqualTo(decided.session());
            assertThat(replay.events()).as("what the decision sent, same ids").isEqualTo(decided.events());
        }
    }

    @Test
    void variantsAreBoundedAndNeverShareIdsWithAPersonsCandidates() {
        assertThat(Candidate.VARIANT_BASE).isGreaterThanOrEqualTo(Fanout.MAX_VARIANTS);
        assertThat(Candidate.isPersons(Fanout.MAX_VARIANTS - 1)).isFalse();
        assertThat(Candidate.isPersons(Candidate.VARIANT_BASE + 1)).isTrue();
        assertThatThrownBy(() -> new StepPolicy(Guardrails.DEFAULTS, 8, 65, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 64");
        assertThat(new StepPolicy(Guardrails.DEFAULTS, 8, 64, Selection.FIRST).variantCount()).isEqualTo(64);
        assertThat(Selection.parse("first")).isEqualTo(Selection.FIRST);
        assertThatThrownBy(() -> Selection.parse("worst")).hasMessageContaining("\"best\" or \"first\"");
        assertThatThrownBy(() -> new Fanout(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(Fanout.violations(null, null)).isEmpty();
        assertThat(Fanout.violations(0, "worst")).extracting(FieldViolation::field, FieldViolation::message)
                .containsExactly(tuple("variants", "must be between 1 and 64, not 0"),
                        tuple("select", "must be \"best\" or \"first\", not \"worst\""));
    }

    @Test
    void theWinnersCleanupIsTheAttemptsAndEachVariantKeepsItsOwn() {
        Transition t = planned(2, null);
        List<StepRequested> sent = requests(t);
        StepVerified tidy = withCleanup(passed(sent.get(0), 6, 500), new CleanupResult("fmt", CleanupResult.APPLIED,
                null, 2, 30));
        StepVerified untouched = withCleanup(passed(sent.get(1), 9, 500), new CleanupResult("fmt",
                CleanupResult.DISCARDED, "check 'unit' failed (exit 1) on the cleaned tree", 3, 30));

        Transition first = machine.onVerdict(t.session(), tidy, AT.plusSeconds(6));
        Attempt decided = machine.onVerdict(first.session(), untouched, AT.plusSeconds(7)).session().steps().get(0)
                .lastAttempt();

        assertThat(decided.winner()).hasValueSatisfying(w -> assertThat(w.variant()).isZero());
        assertThat(decided.cleanup()).isEqualTo(tidy.payload().cleanup());
        assertThat(decided.variants()).extracting(o -> o.cleanup().status())
                .containsExactly(CleanupResult.APPLIED, CleanupResult.DISCARDED);
    }

    private static StepVerified withCleanup(StepVerified v, CleanupResult cleanup) {
        StepVerified.Payload p = v.payload();
        return new StepVerified(v.eventId(), v.sessionId(), v.stepId(), v.attempt(), v.variant(), v.occurredAt(),
                new StepVerified.Payload(p.patch(), p.stats(), p.checks(), p.execution(), p.verification(), cleanup));
    }
}
