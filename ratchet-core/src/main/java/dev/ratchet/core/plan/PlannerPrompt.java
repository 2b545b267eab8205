package dev.ratchet.core.plan;

import java.util.List;
import java.util.stream.Collectors;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.prompt.Prompt;
import dev.ratchet.core.prompt.TokenBudget;

/** The request to the (large, slow) planner model: break one goal into small steps a fast model can do. */
public final class PlannerPrompt {

    /** What every step of a plan or a revision must be, and the answer's format (with the step limit). */
    static final String STEP_RULES = """
            - be doable as one small patch (well under 200 changed lines) by a model that sees only that step,
            - leave every check passing on its own, including tests it adds,
            - name the files it touches.
            Answer with JSON only, no prose: {"steps":[{"title":"...","instructions":"..."}]}. At most %d steps.""";

    private static final String SYSTEM = """
            You are the planner of Ratchet. A fast executor model will carry out your plan one step at a time; after \
            every step a verifier runs the repository's checks, and only steps that pass are kept.
            Break the goal into small, bounded steps, in order. Each step must:
            """ + STEP_RULES;

    private PlannerPrompt() {
    }

    public static Prompt build(String goal, List<Check> checks, List<String> files, String agentsMd, int maxSteps,
            TokenBudget budget) {
        String system = SYSTEM.formatted(maxSteps);
        StringBuilder user = goalAndChecks(goal, checks);
        return withRepository(system, user, files, agentsMd, budget);
    }

    /** The goal and the checks every step must pass: how a plan's and a revision's request begin. */
    static StringBuilder goalAndChecks(String goal, List<Check> checks) {
        return new StringBuilder()
                .append("Goal: ").append(goal).append("\n\n")
                .append("Checks (each must pass after every step):\n")
                .append(checks.stream().map(c -> "- " + c.name() + ": `" + c.command() + "`")
                        .collect(Collectors.joining("\n")))
                .append("\n\n");
    }

    /** {@code user} with the repository's AGENTS.md and file list (each within a quarter of the budget) added. */
    static Prompt withRepository(String system, StringBuilder user, List<String> files, String agentsMd,
            TokenBudget budget) {
        if (agentsMd != null && !agentsMd.isBlank()) {
            user.append("The repository's AGENTS.md:\n")
                    .append(budget.truncate(agentsMd, budget.limit() / 4)).append("\n\n");
        }
        user.append("Files in the repository:\n")
                .append(budget.truncate(String.join("\n", files), budget.limit() / 4)).append('\n');
        return new Prompt(system, user.toString(), budget.count(system) + budget.count(user.toString()));
    }
}
