package dev.ratchet.core.plan;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.prompt.Prompt;
import dev.ratchet.core.prompt.TokenBudget;

/** The request to the (large, slow) planner model: break one goal into small steps a fast model can do. */
public final class PlannerPrompt {

    /**
     * What every step of a plan or a revision must be, and the answer's format ({@link PlanSchema}): formatted with
     * the step limit, the executor's step budget in tokens and the most changed lines ({@link PlanLimits}).
     */
    static final String STEP_RULES = """
            - be doable as one small patch (at most %3$d changed lines) by a model that sees only that step and at \
            most %2$d tokens of context (the instructions and the files it reads),
            - leave every check passing on its own, including tests it adds,
            - name its files: "files" the existing files it reads or changes (paths from the list below, or files an \
            earlier step creates), "newFiles" the files it creates,
            - name the checks it must pass ("checks", from the list below), estimate its context ("estimatedTokens", \
            at most %2$d) and its change ("maxChangedLines", at most %3$d),
            - when it sets "variants", it may give "approaches": one short line per variant, each a different way to \
            solve the step (variant k gets the k-th); null otherwise.
            Answer with JSON only, no prose: {"steps":[{"id":"s1","title":"...","instructions":"...","files":["..."],\
            "newFiles":[],"checks":["..."],"variants":null,"estimatedTokens":2000,"maxChangedLines":60,\
            "approaches":null}]}. At most \
            %1$d steps.""";

    private static final String SYSTEM = """
            You are the planner of Ratchet. A fast executor model will carry out your plan one step at a time; after \
            every step a verifier runs the repository's checks, and only steps that pass are kept.
            Break the goal into small, bounded steps, in order. Each step must:
            """ + STEP_RULES;

    private PlannerPrompt() {
    }

    /** With the default step budget and guardrail ({@link PlanLimits#defaults}). */
    public static Prompt build(String goal, List<Check> checks, List<String> files, String agentsMd, int maxSteps,
            TokenBudget budget) {
        String system = rules(SYSTEM, PlanLimits.defaults(maxSteps));
        return withRepository(system, goalAndChecks(goal, checks), files, agentsMd, budget);
    }

    /**
     * With the session's limits and the repository map ({@link RepoMap}) in place of the plain file list.
     *
     * @param source a file's text at the base commit, for the map's declarations
     */
    public static Prompt build(String goal, List<Check> checks, List<String> files,
            Function<String, Optional<String>> source, String agentsMd, PlanLimits limits, TokenBudget budget) {
        return build(goal, checks, files, source, RepoAgents.own(agentsMd), limits, budget);
    }

    /** As above, with the AGENTS.md the session proposes when the repository has none ({@link RepoAgents}). */
    public static Prompt build(String goal, List<Check> checks, List<String> files,
            Function<String, Optional<String>> source, RepoAgents agents, PlanLimits limits, TokenBudget budget) {
        String system = rules(SYSTEM, limits);
        return withRepository(system, goalAndChecks(goal, checks), files, source, agents, budget);
    }

    /** {@code system} with the limits filled into {@link #STEP_RULES}. */
    static String rules(String system, PlanLimits limits) {
        return system.formatted(limits.maxSteps(), limits.stepTokens(), limits.maxChangedLines());
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
        return withRepository(system, user, files, null, RepoAgents.own(agentsMd), budget);
    }

    /**
     * As above; with a {@code source}, the repository map (tree and declarations, a quarter of the budget) instead
     * of the plain list, and the repository's AGENTS.md or, when it has none, the proposed one (a quarter too).
     */
    static Prompt withRepository(String system, StringBuilder user, List<String> files,
            Function<String, Optional<String>> source, RepoAgents agents, TokenBudget budget) {
        user.append(agents.section(budget, budget.limit() / 4));
        if (source == null) {
            user.append("Files in the repository:\n")
                    .append(budget.truncate(String.join("\n", files), budget.limit() / 4)).append('\n');
        } else {
            user.append(MAP_HEADER).append(RepoMap.render(files, source, budget, budget.limit() / 4));
        }
        return new Prompt(system, user.toString(), budget.count(system) + budget.count(user.toString()));
    }

    /** What the map is, so the model does not take a regular expression's finds for a parser's. */
    static final String MAP_HEADER = "Files in the repository (a tree; under source files, lines starting with | "
            + "are their top-level declarations, found by pattern, not parsed):\n";
}
