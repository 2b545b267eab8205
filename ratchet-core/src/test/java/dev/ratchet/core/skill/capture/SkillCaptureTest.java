package dev.ratchet.core.skill.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.PatchStats;
import dev.ratchet.core.event.SessionCompleted;
import dev.ratchet.core.event.SessionCompleted.CompletedStep;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.guardrail.Guardrails;
import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.core.skill.RatchetSkill;
import dev.ratchet.core.skill.SkillDocument;
import dev.ratchet.core.skill.template.PlanTemplate;
import dev.ratchet.core.skill.template.StepTemplate;

/** A completed session of the textstats demo (as the planner sends it) becomes a parameterised skill. */
class SkillCaptureTest {

    private static final String ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    private static final String OTHER_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private static final String GOAL = "Add word statistics to textstats: word_count, top_words and a command-line "
            + "entry point";
    private static final List<Check> CHECKS = List.of(new Check("unit-tests",
            "python3 -m unittest discover -s tests -t .", 60));

    static SessionCompleted completed(String sessionId, String repo, String goal, String module) {
        String test = "tests/test_" + module + ".py";
        List<CompletedStep> steps = List.of(
                new CompletedStep("s1", "Add word_count", "In " + module + ".py add word_count(text) that returns "
                        + "the number of words in text, using words(). Add tests for it to " + test + ".", 1,
                        new PatchStats(List.of(module + ".py", test), 14, 1)),
                new CompletedStep("s2", "Add top_words", "In " + module + ".py add top_words(text, n) that returns "
                        + "the n most frequent words as (word, count) tuples,\n  most frequent first.", 2,
                        new PatchStats(List.of(module + ".py", test), 16, 1)),
                new CompletedStep("s3", "Add a command-line entry point", "In " + module + ".py add main(argv) "
                        + "that reads the file named by argv[0] and prints 'words: N'.", 1,
                        new PatchStats(List.of(module + ".py", test), 30, 1)));
        return SessionCompleted.of(sessionId, Instant.parse("2025-03-01T10:00:00Z"), new SessionCompleted.Payload(
                repo, goal, "4b825dc642cb6eb9a060e54bf8d69288fbee4904", steps, CHECKS, Guardrails.DEFAULTS,
                new Usage(5400, 910, 1300, 700.0), 4200));
    }

    private static Capture demo(String sessionId) {
        return SkillCapture.fromSession(completed(sessionId, "/tmp/ratchet-demo-123/textstats", GOAL, "textstats"));
    }

    @Test
    void theSessionsSpecificsBecomeParameters() {
        RatchetSkill data = RatchetSkill.of(demo(ID).document()).orElseThrow();
        PlanTemplate plan = data.plan();

        assertThat(plan.parameters()).containsExactly(Map.entry("project", "textstats"),
                Map.entry("file1", "textstats.py"), Map.entry("file2", "tests/test_textstats.py"),
                Map.entry("symbol1", "word_count"), Map.entry("symbol2", "top_words"));
        assertThat(plan.goal()).isEqualTo("Add word statistics to {{project}}: {{symbol1}}, {{symbol2}} and a "
                + "command-line entry point");
        assertThat(plan.steps()).containsExactly(
                new StepTemplate("Add {{symbol1}}", "In {{file1}} add {{symbol1}}(text) that returns the number of "
                        + "words in text, using words(). Add tests for it to {{file2}}."),
                new StepTemplate("Add {{symbol2}}", "In {{file1}} add {{symbol2}}(text, n) that returns the n most "
                        + "frequent words as (word, count) tuples, most frequent first."),
                new StepTemplate("Add a command-line entry point", "In {{file1}} add main(argv) that reads the file "
                        + "named by argv[0] and prints 'words: N'."));
        assertThat(data.checks()).isEqualTo(CHECKS);
        assertThat(data.guardrails()).isEqualTo(Guardrails.DEFAULTS);
        assertThat(data.sourceSession()).isEqualTo(ID);
    }

    @Test
    void theSkillIsValidForEveryAgentAndNamedAfterTheGoal() {
        SkillDocument doc = demo(ID).document();

        assertThat(doc.violations()).isEmpty();
        assertThat(doc.name()).isEqualTo("add-word-statistics-to-textstats-word-count-top-words-and-a");
        assertThat(doc.description()).isEqualTo(GOAL + ". A plan of 3 steps, each verified by unit-tests before the "
                + "next. Use when asked to add word statistics to textstats: word_count, top_words and a "
                + "command-line entry point in a project like textstats.");
        assertThat(doc.compatibility()).isEqualTo("Runs in a git work tree; the checks need: python3 -m unittest "
                + "discover -s tests -t .");
        assertThat(doc.metadata()).containsOnlyKeys(RatchetSkill.PLAN, RatchetSkill.CHECKS, RatchetSkill.GUARDRAILS,
                RatchetSkill.SOURCE_SESSION, RatchetSkill.VERSION).containsEntry(RatchetSkill.VERSION, "1");
        assertThat(SkillDocument.parse(doc.render())).isEqualTo(doc);
        assertThat(doc.body()).startsWith("# " + GOAL + "\n\nA plan proven by Ratchet: 3 steps")
                .contains("| `{{file2}}` | `tests/test_textstats.py` |\n")
                .contains("## Steps\n\nCarry out the steps in order.")
                .contains("1. **Add {{symbol1}}**: In {{file1}} add {{symbol1}}(text)")
                .contains("## Checks\n\n- `unit-tests`: `python3 -m unittest discover -s tests -t .` (timeout 60 s)\n")
                .contains("- never read or change: `.git/**`, `.env*`, `**/*.pem`, `**/id_rsa*`, `**/*.key`\n")
                .doesNotContain(ID);
        assertThat(doc.body().indexOf("## Steps")).isLessThan(doc.body().indexOf("## Checks"));
    }

    @Test
    void twoSessionsOfTheSamePlanDifferOnlyInTheirSource() {
        Capture first = demo(ID);
        Capture second = demo(OTHER_ID);

        assertThat(second.document()).isNotEqualTo(first.document());
        assertThat(second.contentKey()).isEqualTo(first.contentKey());
        assertThat(second.shape()).isEqualTo(first.shape());
        assertThat(second.shape().similarity(first.shape())).isEqualTo(1.0);
        assertThat(second.statistic()).isEqualTo(new Capture.Statistic(OTHER_ID,
                Instant.parse("2025-03-01T10:00:00Z"), 3, 4, 5400, 910, 4200));
    }

    @Test
    void theSamePlanInAnotherProjectHasTheSameShapeButNewContent() {
        Capture textstats = demo(ID);
        Capture wordy = SkillCapture.fromSession(completed(OTHER_ID, "/home/dev/wordy", "Add word statistics to "
                + "wordy: word_count, top_words and a command-line entry point", "wordy"));

        assertThat(wordy.shape().similarity(textstats.shape())).isEqualTo(1.0);
        assertThat(wordy.contentKey()).isNotEqualTo(textstats.contentKey());
        assertThat(RatchetSkill.of(wordy.document()).orElseThrow().plan().parameters())
                .containsEntry("project", "wordy").containsEntry("file1", "wordy.py");
    }

    @Test
    void otherChecksOrAnotherStepCountAreAnotherShape() {
        SessionCompleted demo = completed(ID, "/srv/textstats", GOAL, "textstats");
        SessionCompleted.Payload p = demo.payload();
        SessionCompleted otherChecks = SessionCompleted.of(ID, demo.occurredAt(), new SessionCompleted.Payload(
                p.repo(), p.goal(), p.baseCommit(), p.steps(), List.of(new Check("unit", "pytest -q", 60)),
                p.guardrails(), p.usage(), p.durationMs()));
        SessionCompleted twoSteps = SessionCompleted.of(ID, demo.occurredAt(), new SessionCompleted.Payload(
                p.repo(), p.goal(), p.baseCommit(), p.steps().subList(0, 2), p.checks(), p.guardrails(), p.usage(),
                p.durationMs()));

        PlanShape shape = SkillCapture.fromSession(demo).shape();
        assertThat(SkillCapture.fromSession(otherChecks).shape().key()).isNotEqualTo(shape.key());
        assertThat(SkillCapture.fromSession(otherChecks).shape().similarity(shape)).isZero();
        assertThat(SkillCapture.fromSession(twoSteps).shape().similarity(shape)).isZero();
    }

    @Test
    void aReplayBindsTheNewGoalAndKeepsTheRest() {
        PlanTemplate plan = RatchetSkill.of(demo(ID).document()).orElseThrow().plan();
        String goal = "Add word statistics to wordy: char_count, rare_words and a command-line entry point";

        Map<String, String> values = plan.bind(goal);
        List<PlanStep> steps = plan.instantiate(values);

        assertThat(values).containsEntry("project", "wordy").containsEntry("symbol1", "char_count")
                .containsEntry("symbol2", "rare_words").containsEntry("file1", "textstats.py");
        assertThat(plan.boundBy(goal)).containsExactly("project", "symbol1", "symbol2");
        assertThat(steps).extracting(PlanStep::id).containsExactly("s1", "s2", "s3");
        assertThat(steps.get(0).title()).isEqualTo("Add char_count");
        assertThat(steps.get(0).instructions()).startsWith("In textstats.py add char_count(text) that returns");
        assertThat(plan.boundBy("Refactor the payment module")).isEmpty();
        assertThat(plan.instantiate(plan.bind("Refactor the payment module")).get(1).title())
                .isEqualTo("Add top_words");
    }

    @Test
    void longGoalsWithPunctuationAndAccentsGiveAValidName() {
        String goal = "Réécrire le module « paiement » : gérer l'échec, les remboursements & les devises "
                + "(EUR/USD) — sans casser l'API publique!!! ".repeat(5);

        SkillDocument skill = SkillCapture.fromSession(completed(ID, "/srv/pay", goal, "pay")).document();

        assertThat(skill.violations()).isEmpty();
        assertThat(skill.name()).hasSizeLessThanOrEqualTo(64).startsWith("reecrire-le-module-paiement-gerer-l-echec-")
                .doesNotEndWith("-").doesNotContain("--");
        assertThat(skill.description()).hasSizeLessThanOrEqualTo(1024);
        assertThat(SkillCapture.fromSession(completed(ID, "/srv/pay", goal.repeat(3), "pay")).document()
                .description()).hasSize(1024).endsWith("...");
    }

    @Test
    void goalsWithoutLatinLettersFallBackToTheSession() {
        assertThat(SkillCapture.name("日本語のテスト!!!", ID)).isEqualTo("skill-7c9e6679");
        assertThat(SkillCapture.name("  ", "___")).isEqualTo("skill-captured");
        assertThat(SkillCapture.name("Search", ID)).isEqualTo("skill-7c9e6679");
        assertThat(SkillCapture.name("x".repeat(80), ID)).hasSize(64);
    }
}
