package dev.ratchet.core.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.Fixtures;
import dev.ratchet.core.checks.Fixer;
import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.event.CheckResult;
import dev.ratchet.core.event.CleanupResult;
import dev.ratchet.core.event.Execution;
import dev.ratchet.core.event.PatchStats;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRejected;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.event.Verification;
import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.core.session.Deadlines;
import dev.ratchet.core.session.Directive;
import dev.ratchet.core.session.Fanout;
import dev.ratchet.core.session.Progress;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.StepPolicy;
import dev.ratchet.core.session.SessionMachine;
import dev.ratchet.core.session.Transition;

class SessionFilesTest {

    private static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
    private static final String SHA = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
    private static final List<Check> CHECKS = List.of(new Check("unit", "pytest -q", 300),
            new Check("lint", "ruff check .", 60));
    private static final List<PlanStep> PLAN = List.of(
            new PlanStep("s1", "Add greet()", "Add greet(name)\nto   src/app.py"),
            new PlanStep("s2", "Test greet()", "Add tests/test_app.py"),
            new PlanStep("s3", "Use greet()", "Call greet from main"));
    private static final SessionFiles.Agents AGENTS = new SessionFiles.Agents("big-planner", "fast-coder", null);

    private final SessionMachine machine = new SessionMachine(3, 8000);
    private final List<Progress> progress = new ArrayList<>();

    private static Session planning() {
        return Session.created("sess-42", "/srv/repos/demo", "Greet users\nby name", SHA, CHECKS,
                StepPolicy.DEFAULTS, T0);
    }

    private static Execution execution(StepRequested r) {
        return new Execution("executor-1", "fast-coder", r.occurredAt(), r.occurredAt().plusSeconds(1),
                r.occurredAt().plusSeconds(3), new Usage(1000, 150, 1200, 125));
    }

    private static Verification verification(StepRequested r) {
        return new Verification("verifier-1", r.occurredAt().plusSeconds(4), r.occurredAt().plusMillis(6500));
    }

    private static StepExecuted executed(StepRequested r) {
        return StepExecuted.of(r, r.occurredAt().plusSeconds(3), new StepExecuted.Payload(r.payload().work(),
                BlobRef.of(r.sessionId(), "patch"), new PatchStats(List.of("src/app.py"), 3, 1), execution(r), null));
    }

    static StepVerified verified(StepRequested r) {
        return StepVerified.of(executed(r), r.occurredAt().plusSeconds(7), new StepVerified.Payload(BlobRef.of(r.sessionId(), "patch"),
                new PatchStats(List.of("src/app.py"), 3, 1),
                List.of(new CheckResult("unit", "pytest -q", 0, true, false, 1800, "3 passed"),
                        new CheckResult("lint", "ruff check .", 0, true, false, 90, "")),
                execution(r), verification(r)));
    }

    private static StepRejected rejected(StepRequested r) {
        return StepRejected.of(executed(r), r.occurredAt().plusSeconds(7), new StepRejected.Payload(
                StepRejected.STAGE_CHECK, "check unit failed (exit 1);\nlint timed out", "FAILED test_greet",
                List.of(new CheckResult("unit", "pytest -q", 1, false, false, 1700, "FAILED test_greet"),
                        new CheckResult("lint", "ruff check .", 137, false, true, 60000, "")),
                execution(r), verification(r)));
    }

    private Transition record(Transition t) {
        progress.addAll(t.progress());
        return t;
    }

    /** Step 1 verified, step 2 rejected once and retrying, step 3 pending. */
    private Session running() {
        Transition planned = record(machine.planned(planning(), PLAN, T0.plusSeconds(10)));
        Transition t1 = record(machine.onVerdict(planned.session(),
                verified((StepRequested) planned.events().get(0)), T0.plusSeconds(20)));
        Transition t2 = record(machine.onVerdict(t1.session(), rejected((StepRequested) t1.events().get(0)),
                T0.plusSeconds(30)));
        return t2.session();
    }

    private static String render(String name, Session session, List<Progress> progress) {
        return SessionFiles.render(name, session, progress, AGENTS).orElseThrow();
    }

    @Test
    void planTicksVerifiedStepsOnly() {
        String plan = render("PLAN.md", running(), progress);

        assertThat(plan).startsWith("# PLAN\n\nGoal: Greet users by name\n\n"
                + "Session `sess-42` on `/srv/repos/demo` from `4b825dc642cb` - RUNNING\n\n");
        assertThat(plan).contains("- [x] 1. Add greet() (verified, attempt 1)\n  Add greet(name) to src/app.py\n");
        assertThat(plan).contains("- [ ] 2. Test greet() (in progress, attempt 2)\n  Add tests/test_app.py\n");
        assertThat(plan).contains("- [ ] 3. Use greet()\n  Call greet from main\n");
        assertThat(plan.indexOf("1. Add")).isLessThan(plan.indexOf("2. Test")).isLessThan(plan.indexOf("3. Use"));
    }

    @Test
    void planBeforeThePlannerAnswered() {
        assertThat(render("PLAN.md", planning(), List.of())).contains("- PLANNING\n\n")
                .endsWith("_The planner model has not produced a plan yet._\n");
    }

    @Test
    void planShowsAFailedStep() {
        Transition t = machine.planned(planning(), PLAN, T0);
        for (int i = 0; i < 3; i++) {
            t = machine.onVerdict(t.session(), rejected((StepRequested) t.events().get(0)), T0.plusSeconds(10 + i));
        }

        String plan = render("plan.md", t.session(), List.of());

        assertThat(plan).contains("- FAILED").contains("- [ ] 1. Add greet() (failed after 3 attempts)\n");
    }

    @Test
    void planAndProgressShowEveryRevision() {
        SessionMachine replanning = new SessionMachine(1, 8000, Deadlines.DEFAULTS, Fanout.DEFAULTS, 1);
        Transition t = record(replanning.planned(planning(), PLAN, T0.plusSeconds(10)));
        t = record(replanning.onVerdict(t.session(), verified((StepRequested) t.events().get(0)), T0.plusSeconds(20)));
        t = record(replanning.onVerdict(t.session(), rejected((StepRequested) t.events().get(0)), T0.plusSeconds(30)));
        Session waiting = t.session();
        Transition revised = record(replanning.replanned(waiting, List.of(new PlanStep("s1", "Stub greet()",
                "Add an empty greet"), new PlanStep("s2", "Use greet()", "Call it")), Usage.NONE, T0.plusSeconds(40)));

        assertThat(render("PLAN.md", waiting, progress)).contains("- PLANNING\n").endsWith("\n## Revisions\n\n"
                + "- Revision 2, after step s2 failed: step 2/3 \"Test greet()\" was rejected 1 times; last at check: "
                + "check unit failed (exit 1); lint timed out - waiting for the planner model (asked "
                + "2025-03-01T09:00:30Z)\n");
        String plan = render("PLAN.md", revised.session(), progress);
        assertThat(plan).contains("- [x] 1. Add greet() (verified, attempt 1)\n")
                .contains("- [ ] 2. Stub greet() (in progress, attempt 1)\n  Add an empty greet\n")
                .contains("- [ ] 3. Use greet()\n  Call it\n")
                .endsWith("- Revision 2, after step s2 failed: step 2/3 \"Test greet()\" was rejected 1 times; last at "
                        + "check: check unit failed (exit 1); lint timed out - replaced s2 \"Test greet()\", s3 \"Use "
                        + "greet()\" with s2r2, s3r2 (2025-03-01T09:00:40Z)\n");
        assertThat(render("PROGRESS.md", revised.session(), progress))
                .contains("\n## Revisions\n\n- Revision 2, after step s2 failed: ")
                .contains(" plan revised (revision 2, after step s2 failed): 2 steps replaced by 2 (s2r2, s3r2)\n");
    }

    @Test
    void agentsShowsTheProposalWhenTheRepositoryHasNone() {
        String proposed = AgentsProposal.render(List.of(), CHECKS);

        String md = SessionFiles.render("AGENTS.md", planning(), List.of(),
                new SessionFiles.Agents("big-planner", "fast-coder", null, proposed)).orElseThrow();

        assertThat(md).endsWith("_The repository has no AGENTS.md at the base commit._\n\n## Proposed AGENTS.md\n\n"
                + "Status: proposed\n\n" + proposed);
        assertThat(SessionFiles.render("AGENTS.md", planning(), List.of(),
                new SessionFiles.Agents("big-planner", "fast-coder", "# Own\n", proposed)).orElseThrow())
                .endsWith("# Own\n").doesNotContain("proposed");
    }

    @Test
    void planShowsAStructuredStepsScopeAndLeavesOtherStepsAsBefore() {
        List<PlanStep> structured = List.of(new PlanStep("s1", "Add greet()", "Add greet(name)", null,
                List.of("src/app.py"), List.of("tests/test_app.py"), List.of("unit"), 2400, 60), PLAN.get(1));

        String plan = render("PLAN.md", machine.planned(planning(), structured, T0).session(), List.of());

        assertThat(plan).contains("- [ ] 1. Add greet() (in progress, attempt 1)\n  Add greet(name)\n"
                + "  _Files: `src/app.py`; new: `tests/test_app.py`; checks: unit; ~2400 tokens; at most 60 changed lines_\n"
                + "- [ ] 2. Test greet()\n  Add tests/test_app.py\n");
    }

    @Test
    void progressListsDoneNextAndRecentEvents() {
        String md = render("PROGRESS.md", running(), progress);

        assertThat(md).startsWith("# PROGRESS\n\nStatus: RUNNING - 1/3 steps verified\n\n## Done\n\n"
                + "- 1. Add greet() - 1 attempt, 150 tokens out, model 1200 ms, verify 2500 ms\n\n"
                + "## Next\n\n- 2. Test greet() - running\n- 3. Use greet() - pending\n\n## Recent events\n\n");
        assertThat(md).contains("- 2025-03-01T09:00:10Z plan ready: 3 steps\n")
                .contains("- 2025-03-01T09:00:20Z step 1/3 \"Add greet()\" attempt 1 verified (unit passed in "
                        + "1800 ms, lint passed in 90 ms)\n")
                .contains("- 2025-03-01T09:00:30Z step 2/3 \"Test greet()\" attempt 2 requested\n")
                .doesNotContain("Failure:");
    }

    @Test
    void progressListsPeoplesDirectivesWithTheirTimes() {
        Transition planned = record(machine.planned(planning(), PLAN, T0.plusSeconds(10)));
        Transition steered = record(machine.steered(planned.session(), List.of(
                new Directive(null, Directive.Type.NOTE, "no new dependencies", null, null, null, null, null, null,
                        null),
                new Directive(null, Directive.Type.SKIP, null, null, "s3", null, null, null, null, null)),
                T0.plusSeconds(12)));
        Transition t1 = record(machine.onVerdict(steered.session(), verified((StepRequested) planned.events().get(0)),
                T0.plusSeconds(20)));
        Transition paused = record(machine.steered(t1.session(), List.of(new Directive(null, Directive.Type.PAUSE,
                null, null, null, null, null, null, null, null)), T0.plusSeconds(25)));

        String md = render("PROGRESS.md", paused.session(), progress);

        assertThat(md).contains("\n## Next\n\n- 2. Test greet() - running\n- 3. Use greet() - skipped\n\n"
                + "## Steering\n\n"
                + "- 2025-03-01T09:00:12Z d1 note \"no new dependencies\" - applied 2025-03-01T09:00:20Z before step s2: "
                + "note added to every following step's prompt\n"
                + "- 2025-03-01T09:00:12Z d2 skip s3 - applied 2025-03-01T09:00:20Z before step s2: step s3 skipped\n"
                + "- 2025-03-01T09:00:25Z d3 pause - pending, takes effect at the next step boundary\n\n"
                + "## Recent events\n\n");
        assertThat(md).contains("- 2025-03-01T09:00:20Z directive d1 note \"no new dependencies\" applied before step "
                + "s2: note added to every following step's prompt\n");
    }

    @Test
    void progressKeepsTheLast20Events() {
        List<Progress> many = IntStream.rangeClosed(1, 25).mapToObj(i -> new Progress(Progress.STEP_REQUESTED, "s1",
                i, "event number " + i + ".", T0.plusSeconds(i))).toList();

        String md = render("PROGRESS.md", planning(), many);

        assertThat(md).contains("_Nothing verified yet._").contains("_Waiting for the plan._")
                .doesNotContain("event number 5.").contains("event number 6.").contains("event number 25.");
        assertThat(md.lines().filter(l -> l.contains("event number"))).hasSize(20);
    }

    @Test
    void progressOfAFinishedSession() {
        Transition failed = machine.planningFailed(planning(), "no JSON", T0.plusSeconds(5));

        assertThat(render("PROGRESS.md", failed.session(), failed.progress()))
                .contains("Status: FAILED - 0/0 steps verified\nFailure: planning failed: no JSON\n");
    }

    @Test
    void verifyListsChecksAndDecidedAttempts() {
        String md = render("VERIFY.md", running(), progress);

        assertThat(md).startsWith("# VERIFY\n\n");
        assertThat(md).contains("| check | command | timeout | stage | when |\n|---|---|---|---|---|\n"
                + "| unit | `pytest -q` | 300 s | test | step |\n| lint | `ruff check .` | 60 s | test | step |\n");
        assertThat(md).contains("- 1. Add greet(), attempt 1: VERIFIED\n  - PASS unit (exit 0, 1800 ms)\n"
                + "  - PASS lint (exit 0, 90 ms)\n");
        assertThat(md).contains("- 2. Test greet(), attempt 1: REJECTED at check - check unit failed (exit 1); "
                + "lint timed out\n  - FAIL unit (exit 1, 1700 ms)\n  - FAIL lint (exit 137, timed out, 60000 ms)\n");
        assertThat(md).doesNotContain("attempt 2:").doesNotContain("No attempt");
    }

    @Test
    void verifyBeforeAnyVerdict() {
        Session planned = machine.planned(planning(), PLAN, T0).session();

        assertThat(render("VERIFY.md", planned, List.of())).endsWith("## Results\n\n_No attempt has been verified yet._\n");
    }

    @Test
    void agentsNamesTheModelsAndCarriesTheRepositorysAgentsMd() {
        String own = Fixtures.read("agents-md/agentsmd-agents.md-AGENTS.md");

        String md = SessionFiles.render("AGENTS.md", running(), progress,
                new SessionFiles.Agents("big-planner", "fast-coder", own)).orElseThrow();

        assertThat(md).startsWith("# AGENTS\n\n| role | does | model |\n|---|---|---|\n");
        assertThat(md).contains("| planner | breaks the goal into small, bounded steps (PLAN.md) | `big-planner` |\n")
                .contains("| executor | carries out one step as one patch, within a token budget | `fast-coder` |\n")
                .contains("| no model: 2 checks |\n");
        assertThat(md).endsWith("\n## The repository's AGENTS.md\n\n" + own);
    }

    @Test
    void agentsWithoutARepositoryAgentsMd() {
        Session oneCheck = Session.created("s", "/r", "g", SHA, List.of(new Check("unit", "make test", 60)),
                StepPolicy.DEFAULTS, T0);

        assertThat(render("AGENTS.md", oneCheck, List.of())).contains("| no model: 1 check |\n")
                .endsWith("_The repository has no AGENTS.md at the base commit._\n");
    }

    @Test
    void namesAreCaseInsensitiveAndUnknownNamesGiveNothing() {
        Session session = running();

        assertThat(SessionFiles.NAMES).containsExactly("AGENTS.md", "PLAN.md", "PROGRESS.md", "VERIFY.md");
        for (String name : SessionFiles.NAMES) {
            String canonical = render(name, session, progress);
            assertThat(render(name.toLowerCase(), session, progress)).isEqualTo(canonical);
            assertThat(render(name.substring(0, 1) + name.substring(1).toLowerCase(), session, progress))
                    .isEqualTo(canonical);
        }
        assertThat(SessionFiles.render("README.md", session, progress, AGENTS)).isEmpty();
        assertThat(SessionFiles.render("PLAN", session, progress, AGENTS)).isEmpty();
        assertThat(SessionFiles.render("", session, progress, AGENTS)).isEmpty();
    }

    @Test
    void verifyMarksCachedAndSkippedResultsAndTheIsolation() {
        Session session = Session.created("s", "/r", "g", SHA, List.of(new Check("unit", "pytest -q", 60),
                new Check("ui", "python3 -m http.server 8000", 60, Check.Stage.TEST, Check.When.FINAL,
                        new Check.Browser(8000, List.of("/"), 10))), StepPolicy.DEFAULTS, T0);
        Transition planned = machine.planned(session, PLAN.subList(0, 1), T0);
        StepRequested r = (StepRequested) planned.events().get(0);
        BlobRef output = BlobRef.of("s", "ok");
        StepVerified verified = StepVerified.of(executed(r), T0.plusSeconds(9), new StepVerified.Payload(
                BlobRef.of("s", "patch"), new PatchStats(List.of("src/app.py"), 3, 1), List.of(
                        new CheckResult("unit", "pytest -q", 0, true, false, 1800, "ok", "bubblewrap", output, true,
                                null, List.of()),
                        CheckResult.skipped(session.checks().get(1), "chromium is not installed on verifier-1")),
                execution(r), verification(r)));

        String md = render("VERIFY.md", machine.onVerdict(planned.session(), verified, T0.plusSeconds(9)).session(),
                List.of());

        assertThat(md).contains("| ui | `python3 -m http.server 8000` | 60 s | test | final, browser |\n");
        assertThat(md).contains("  - PASS unit (exit 0, 1800 ms, bubblewrap, cached)\n"
                + "  - SKIP ui: chromium is not installed on verifier-1\n");
    }

    @Test
    void verifyAndProgressShowWhatTheCleanupPassDid() {
        Session session = Session.created("s", "/r", "g", SHA, CHECKS, StepPolicy.DEFAULTS.withCleanup(
                Fixer.of("strip", "sed -i 's/ *$//' src/app.py", 30)), T0);
        Transition planned = machine.planned(session, PLAN.subList(0, 1), T0);
        StepRequested r = (StepRequested) planned.events().get(0);
        StepVerified plain = verified(r);
        StepVerified.Payload p = plain.payload();
        StepVerified cleaned = new StepVerified(plain.eventId(), plain.sessionId(), plain.stepId(), plain.attempt(),
                plain.variant(), plain.occurredAt(), new StepVerified.Payload(p.patch(), p.stats(), p.checks(),
                        p.execution(), p.verification(), new CleanupResult("strip", CleanupResult.APPLIED, null, 2,
                                40)));
        Session done = machine.onVerdict(planned.session(), cleaned, T0.plusSeconds(9)).session();

        assertThat(done.steps().get(0).lastAttempt().cleanup().applied()).isTrue();
        assertThat(render("VERIFY.md", done, List.of()))
                .contains("Cleanup pass: strip `sed -i 's/ *$//' src/app.py` (30 s) after each verified candidate")
                .contains("  - PASS lint (exit 0, 90 ms)\n  - cleanup strip: applied (2 changed lines)\n");
        assertThat(render("PROGRESS.md", done, List.of()))
                .contains("verify 2500 ms\n  - cleanup strip: applied (2 changed lines)\n");
    }
}
