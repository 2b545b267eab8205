package dev.ratchet.core.skill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.PatchStats;
import dev.ratchet.core.event.SessionCompleted;
import dev.ratchet.core.event.SessionCompleted.CompletedStep;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.guardrail.Guardrails;

class SkillCaptureTest {

    private static final String ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    private static final List<Check> CHECKS = List.of(new Check("unit", "pytest -q", 300),
            new Check("lint", "ruff check .", 60));
    private static final List<CompletedStep> STEPS = List.of(
            new CompletedStep("s1", "Add greet()", "Add greet(name) to\n  src/app.py", 1,
                    new PatchStats(List.of("src/app.py"), 4, 1)),
            new CompletedStep("s2", "Test greet()", "Add tests/test_app.py", 2, PatchStats.EMPTY),
            new CompletedStep("s3", "Use greet()", "Call greet from main()", 1, PatchStats.EMPTY));

    private static SessionCompleted completed(String sessionId, String goal) {
        return SessionCompleted.of(sessionId, Instant.parse("2025-03-01T10:00:00Z"), new SessionCompleted.Payload(
                "/srv/repos/demo", goal, "4b825dc642cb6eb9a060e54bf8d69288fbee4904", STEPS, CHECKS,
                Guardrails.DEFAULTS, new Usage(4300, 370, 4000, 92.5), 65_000));
    }

    @Test
    void capturesAValidSkill() {
        SkillDocument skill = SkillCapture.fromSession(completed(ID, "Greet users by name"));

        assertThat(skill.violations()).isEmpty();
        assertThat(skill.name()).isEqualTo("greet-users-by-name-7c9e6679");
        assertThat(skill.description()).startsWith("Greet users by name. Replays 3 verified steps")
                .contains("/srv/repos/demo");
        assertThat(skill.license()).isNull();
        assertThat(skill.compatibility()).contains("pytest -q, ruff check .");
        assertThat(skill.metadata()).containsEntry("ratchet-session", ID)
                .containsEntry("ratchet-repo", "/srv/repos/demo")
                .containsEntry("ratchet-base-commit", "4b825dc642cb6eb9a060e54bf8d69288fbee4904")
                .containsEntry("ratchet-steps", "3")
                .containsEntry("ratchet-tokens-out", "370");
    }

    @Test
    void bodyListsTheStepsInOrderAndTheChecks() {
        String body = SkillCapture.fromSession(completed(ID, "Greet users by name")).body();

        assertThat(body).startsWith("# Greet users by name\n\nCaptured from Ratchet session `" + ID + "`: 3 steps");
        assertThat(body).contains("## Steps\n\n1. **Add greet()**: Add greet(name) to src/app.py\n"
                + "2. **Test greet()**: Add tests/test_app.py\n3. **Use greet()**: Call greet from main()\n");
        assertThat(body).contains("## Checks\n\n- `unit`: `pytest -q` (timeout 300 s)\n"
                + "- `lint`: `ruff check .` (timeout 60 s)\n");
        assertThat(body.indexOf("## Steps")).isLessThan(body.indexOf("## Checks"));
    }

    @Test
    void renderedSkillParsesBack() {
        SkillDocument skill = SkillCapture.fromSession(completed(ID, "Greet users by name"));

        SkillDocument parsed = SkillDocument.parse(skill.render());

        assertThat(parsed).isEqualTo(skill);
        assertThat(parsed.violations()).isEmpty();
    }

    @Test
    void longGoalsWithPunctuationAndAccentsGiveAValidName() {
        String goal = "Réécrire le module « paiement » : gérer l'échec, les remboursements & les devises "
                + "(EUR/USD) — sans casser l'API publique!!! ".repeat(5);

        SkillDocument skill = SkillCapture.fromSession(completed(ID, goal));

        assertThat(skill.violations()).isEmpty();
        assertThat(skill.name()).hasSizeLessThanOrEqualTo(64)
                .startsWith("reecrire-le-module-paiement-gerer-l-echec-")
                .endsWith("-7c9e6679")
                .doesNotContain("--");
        assertThat(skill.description()).hasSizeLessThanOrEqualTo(1024);
    }

    @Test
    void veryLongGoalStillGivesShortNameAndDescription() {
        String goal = "Refactor " + "the payment gateway adapter ".repeat(200);

        SkillDocument skill = SkillCapture.fromSession(completed(ID, goal));

        assertThat(skill.violations()).isEmpty();
        assertThat(skill.name()).hasSizeLessThanOrEqualTo(64).startsWith("refactor-the-payment-").endsWith("-7c9e6679");
        assertThat(skill.description()).hasSize(1024).endsWith("...");
    }

    @Test
    void goalWithoutLatinLettersFallsBackToSession() {
        assertThat(SkillCapture.name("日本語のテスト!!!", ID)).isEqualTo("session-7c9e6679");
        assertThat(SkillCapture.name("  ", ID)).isEqualTo("session-7c9e6679");
    }

    @Test
    void sessionIdsOfAnyCaseGiveAValidSuffix() {
        assertThat(SkillCapture.name("Fix bug", "RUN-2025-ABCDEF")).isEqualTo("fix-bug-run2025a");
        assertThat(SkillCapture.name("Fix bug", "___")).isEqualTo("fix-bug");
        assertThat(SkillCapture.fromSession(completed("SESSION-XYZ", "Fix bug")).violations()).isEmpty();
    }

    @Test
    void sameGoalInTwoSessionsGivesTwoNames() {
        assertThat(SkillCapture.name("Greet users", ID))
                .isNotEqualTo(SkillCapture.name("Greet users", "0f8fad5b-d9cb-469f-a165-70867728950e"));
    }
}
