package dev.ratchet.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.plan.PlanScope;
import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.core.session.Approval;
import dev.ratchet.core.session.Progress;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.SessionMachine;
import dev.ratchet.core.session.SessionStatus;
import dev.ratchet.core.session.StepPolicy;
import dev.ratchet.core.session.StepState;
import dev.ratchet.core.session.StepStatus;
import dev.ratchet.core.session.Transition;

/** PLAN.md and PROGRESS.md as Ratchet renders them, read back for a resumed session, and what is refused. */
class ResumeFilesTest {

    private static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
    private static final String SHA = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
    private static final List<Check> CHECKS = List.of(new Check("unit", "pytest -q", 300));
    private static final List<PlanStep> PLAN = List.of(
            new PlanStep("s1", "Add greet()", "Add greet(name)\nto   src/app.py"),
            new PlanStep("s2", "Test (greet) ()", "Add tests/test_app.py"),
            new PlanStep("s3", "Use greet()", "Call greet from main"));
    private static final SessionFiles.Agents AGENTS = new SessionFiles.Agents("planner", "executor", null);

    private final SessionMachine machine = new SessionMachine(3, 8000);
    private final List<Progress> progress = new ArrayList<>();

    private static String render(String name, Session session, List<Progress> progress) {
        return SessionFiles.render(name, session, progress, AGENTS).orElseThrow();
    }

    /** Step 1 verified, step 2 running: what a stopped session leaves behind. */
    private Session stopped() {
        Transition t = machine.planned(Session.created("sess-1", "/srv/repos/demo", "Greet users\nby name", SHA,
                CHECKS, StepPolicy.DEFAULTS, T0), PLAN, T0.plusSeconds(10));
        progress.addAll(t.progress());
        t = machine.onVerdict(t.session(), SessionFilesTest.verified((StepRequested) t.events().get(0)),
                T0.plusSeconds(20));
        progress.addAll(t.progress());
        return t.session();
    }

    @Test
    void whatRatchetWritesReadsBack() {
        Session session = stopped();

        ResumeFiles.Resume resume = ResumeFiles.parse(render("PLAN.md", session, progress),
                render("PROGRESS.md", session, progress), 20);

        assertThat(resume.goal()).isEqualTo("Greet users by name");
        assertThat(resume.steps()).containsExactly(new PlanStep("s1", "Add greet()", "Add greet(name) to src/app.py"),
                new PlanStep("s2", "Test (greet) ()", "Add tests/test_app.py"),
                new PlanStep("s3", "Use greet()", "Call greet from main"));
        assertThat(resume.done()).containsExactly(0);
        assertThat(resume.next()).isEqualTo(1);
    }

    @Test
    void aResumedSessionRendersFilesThatResumeTheSame() {
        Session session = stopped();
        ResumeFiles.Resume first = ResumeFiles.parse(render("PLAN.md", session, progress),
                render("PROGRESS.md", session, progress), 20);

        Transition resumed = machine.resumed("sess-2", "/srv/repos/demo", first.goal(), SHA, CHECKS,
                StepPolicy.DEFAULTS, Approval.AUTO, first.steps(), first.done(), T0.plusSeconds(60));
        String plan = render("PLAN.md", resumed.session(), resumed.progress());
        String progressMd = render("PROGRESS.md", resumed.session(), resumed.progress());
        ResumeFiles.Resume again = ResumeFiles.parse(plan, progressMd, 20);

        assertThat(resumed.session().steps()).extracting(StepState::status)
                .containsExactly(StepStatus.DONE, StepStatus.RUNNING, StepStatus.PENDING);
        assertThat(plan).contains("- [x] 1. Add greet() (done before the session resumed)\n");
        assertThat(progressMd).contains("## Done\n\n- 1. Add greet() - (done before the session resumed)\n");
        assertThat(again).isEqualTo(first);
    }

    @Test
    void eachStepsScopeReadsBackSoAResumedSessionKeepsItsBounds() {
        List<PlanStep> structured = List.of(
                new PlanStep("s1", "Add greet()", "Add greet(name) to src/app.py", null, new PlanScope(
                        List.of("src/app.py", "docs/odd; name_`x`.md"), List.of("src/new, file.py"), List.of("unit"),
                        2400, 60)),
                new PlanStep("s2", "Test greet()", "Add tests/test_app.py"),
                new PlanStep("s3", "Use greet()", "_Call greet from main_", null,
                        new PlanScope(List.of(), List.of(), List.of(), null, 3)));
        Transition t = machine.planned(Session.created("sess-4", "/srv/repos/demo", "Greet", SHA, CHECKS,
                StepPolicy.DEFAULTS, T0), structured, T0.plusSeconds(10));
        String plan = render("PLAN.md", t.session(), t.progress());

        ResumeFiles.Resume resume = ResumeFiles.parse(plan, render("PROGRESS.md", t.session(), t.progress()), 20);

        assertThat(plan).contains("  _at most 3 changed lines_\n");
        assertThat(resume.steps()).isEqualTo(structured);
        Transition resumed = machine.resumed("sess-5", "/srv/repos/demo", resume.goal(), SHA, CHECKS,
                StepPolicy.DEFAULTS, Approval.AUTO, resume.steps(), resume.done(), T0.plusSeconds(60));
        assertThat(resumed.session().steps().get(2).scope().maxChangedLines()).isEqualTo(3);
        assertThat(resumed.session().steps().get(1).scope()).isNull();
    }

    @Test
    void aScopeLineThatDoesNotReadBackIsRefusedNamingTheLine() {
        Session session = stopped();
        String plan = render("PLAN.md", session, progress).replace("  Call greet from main\n",
                "  Call greet from main\n  _Files: `unclosed.py_\n");

        assertRefused(plan, render("PROGRESS.md", session, progress),
                "PLAN.md line 13 is not a step's scope: an unclosed ` at");
    }

    @Test
    void progressMdAddsTheStepsItListsAsDone() {
        Session session = stopped();
        String plan = render("PLAN.md", session, progress).replace("- [x] 1.", "- [ ] 1.");

        assertThat(ResumeFiles.parse(plan, render("PROGRESS.md", session, progress), 20).done()).containsExactly(0);
    }

    @Test
    void filesThatAreNotRatchetsAreRefusedSayingWhy() {
        Session session = stopped();
        String plan = render("PLAN.md", session, progress);
        String progressMd = render("PROGRESS.md", session, progress);

        assertRefused("# TODO\n- [ ] 1. x\n", progressMd, "PLAN.md does not start with \"# PLAN\"");
        assertRefused(plan.replace("Goal: ", "Aim: "), progressMd, "PLAN.md has no \"Goal: \" line");
        assertRefused("# PLAN\n\nGoal: g\n\n_nothing_\n", progressMd, "PLAN.md has no steps");
        assertRefused(plan.replace("- [ ] 3.", "- [ ] 4."), progressMd,
                "step 4 where step 3 was expected");
        assertRefused(plan, "", "PROGRESS.md does not start with \"# PROGRESS\"");
        assertRefused(plan, "# PROGRESS\n\nStatus: RUNNING\n", "PROGRESS.md has no \"## Done\" section");
        assertRefused(plan, progressMd.replace("- 1. Add greet() -", "- 7. Something else -"),
                "names a step PLAN.md does not have");
        assertRefused(plan.replace("- [ ] ", "- [x] "), progressMd, "every step of PLAN.md is already done");
        assertThatThrownBy(() -> ResumeFiles.parse(plan, progressMd, 2)).hasMessageContaining("more than 2 steps");
    }

    @Test
    void aManualResumeWaitsForApprovalAndApprovalRunsTheFirstStepNotDone() {
        Transition resumed = machine.resumed("sess-3", "/srv/repos/demo", "g", SHA, CHECKS, StepPolicy.DEFAULTS,
                Approval.MANUAL, PLAN, Set.of(0, 1), T0);
        assertThat(resumed.session().status()).isEqualTo(SessionStatus.AWAITING_APPROVAL);
        assertThat(resumed.events()).hasSize(1);

        Transition approved = machine.approved(resumed.session(), T0.plusSeconds(5));

        assertThat(((StepRequested) approved.events().get(0)).stepId()).isEqualTo("s3");
        assertThat(((StepRequested) approved.events().get(0)).payload().work().acceptedPatches()).isZero();
    }

    private static void assertRefused(String plan, String progress, String why) {
        assertThatThrownBy(() -> ResumeFiles.parse(plan, progress, 20)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(why);
    }
}
