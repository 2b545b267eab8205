package dev.ratchet.core.session;

import static dev.ratchet.core.session.SessionMachineTest.PLAN;
import static dev.ratchet.core.session.SessionMachineTest.T0;
import static dev.ratchet.core.session.SessionMachineTest.U1;
import static dev.ratchet.core.session.SessionMachineTest.newSession;
import static dev.ratchet.core.session.SessionMachineTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.plan.ReplanPrompt;
import dev.ratchet.core.prompt.Prompt;
import dev.ratchet.core.prompt.TokenBudget;

/** The planner model's request when it revises a plan (here, next to {@link Verdicts}, to fail a real step). */
class ReplanPromptTest {

    private static final TokenBudget BUDGET = new TokenBudget(16_000);
    private static final List<String> FILES = List.of("src/app.py", "tests/test_app.py");

    private final SessionMachine machine = new SessionMachine(2, 8000, Deadlines.DEFAULTS, Fanout.DEFAULTS, 1);

    private Session replanning() {
        Transition t = machine.planned(newSession(), PLAN, T0.plusSeconds(10));
        t = machine.onVerdict(t.session(), Verdicts.verified(request(t), U1), T0.plusSeconds(20));
        t = machine.onVerdict(t.session(), Verdicts.rejected(request(t), U1, "1 test failed", "E first"),
                T0.plusSeconds(30));
        return machine.onVerdict(t.session(), Verdicts.rejected(request(t), U1, "1 test failed",
                "E NameError: greet"), T0.plusSeconds(40)).session();
    }

    @Test
    void carriesTheFailureTheVerifiedStepsAndTheStepsItReplaces() {
        Prompt prompt = ReplanPrompt.build(replanning(), FILES, null, 18, BUDGET);

        assertThat(prompt.system()).contains("One step of the plan failed every attempt").contains("At most 18 steps.")
                .contains("{\"steps\":[");
        assertThat(prompt.user()).startsWith("Goal: Greet users by name\n\nChecks (each must pass after every step):\n"
                + "- unit: `pytest -q`\n\n"
                + "Steps already done (verified and kept; their changes are in the repository):\n- s1 Add greet()\n\n"
                + "The step that failed every attempt (2 attempts):\n- s2 Test greet(): Add tests/test_app.py\n\n"
                + "Its last rejection:\nat check: 1 test failed\nOutput:\nE NameError: greet\n"
                + "Checks: unit failed in 1700 ms\n\n"
                + "Steps that were to follow (replaced by your revision as well):\n- s3 Use greet()\n\n")
                .endsWith("Files in the repository:\nsrc/app.py\ntests/test_app.py\n")
                .doesNotContain("E first");
        assertThat(prompt.tokens()).isEqualTo(BUDGET.count(prompt.system()) + BUDGET.count(prompt.user()));
    }

    @Test
    void onlyASessionThatIsReplanningHasOne() {
        assertThatThrownBy(() -> ReplanPrompt.build(newSession(), FILES, null, 18, BUDGET))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not re-planning");
    }
}
