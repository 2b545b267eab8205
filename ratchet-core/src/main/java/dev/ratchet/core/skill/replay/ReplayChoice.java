package dev.ratchet.core.skill.replay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dev.ratchet.core.plan.PlanStep;

/**
 * Decides whether a session is planned from a skill or by the planner model, from the registry's matches
 * (docs/ARCHITECTURE.md, "Skills"). The best match is replayed only when the registry says it may be applied
 * automatically (it is {@code trusted}), its score reaches the planner's threshold and its plan is one the planner
 * would accept from its model; otherwise the model plans. Only the best match is considered: a better-fitting
 * skill that is not trusted says the trusted one fits this goal less well, which the model should judge.
 * Everything here came over the network, so it is checked as a model's plan would be.
 */
public final class ReplayChoice {

    /** A step's title and instructions as a plan carries them: a step a fast model does in one patch. */
    static final int MAX_TITLE_CHARS = 500;
    static final int MAX_INSTRUCTIONS_CHARS = 8000;

    private ReplayChoice() {
    }

    /**
     * One match from the registry.
     *
     * @param autoApply the registry allows applying it without the model (trusted)
     * @param score 0..1, how well it fits the goal and the repository
     * @param steps the plan instantiated for the goal
     */
    public record Candidate(String name, int version, String status, boolean autoApply, double score,
            List<PlanStep> steps) {
    }

    /** What to do: replay {@code skill} with {@code plan}, or ask the model, saying why. */
    public sealed interface Decision permits Replay, AskModel {
    }

    public record Replay(SkillRef skill, double score, List<PlanStep> plan) implements Decision {
    }

    public record AskModel(String reason) implements Decision {
    }

    /**
     * @param minScore the planner's threshold (0..1): a match scoring below it is not applied
     * @param maxSteps the longest plan the planner accepts
     */
    public static Decision choose(List<Candidate> candidates, double minScore, int maxSteps) {
        if (candidates == null || candidates.isEmpty()) {
            return new AskModel("no skill matches the goal");
        }
        Candidate best = candidates.stream().filter(c -> c != null && Double.isFinite(c.score()))
                .max(Comparator.comparingDouble(Candidate::score)).orElse(null);
        if (best == null) {
            return new AskModel("the registry's matches have no valid score");
        }
        String named = best.name() + "@" + best.version();
        if (!SkillRef.valid(best.name(), best.version())) {
            return new AskModel("the best match '" + named + "' is not a valid skill version");
        }
        if (!best.autoApply()) {
            return new AskModel("the best match " + named + " is " + best.status() + ", not trusted");
        }
        if (best.score() < minScore) {
            return new AskModel(String.format(Locale.ROOT, "the best match %s scores %.3f, under the %.3f required",
                    named, best.score(), minScore));
        }
        List<PlanStep> plan = plan(best.steps(), maxSteps);
        if (plan.isEmpty()) {
            return new AskModel("the plan of " + named + " is not one the planner accepts (1 to " + maxSteps
                    + " steps, each with a title of at most " + MAX_TITLE_CHARS + " and instructions of at most "
                    + MAX_INSTRUCTIONS_CHARS + " characters)");
        }
        return new Replay(new SkillRef(best.name(), best.version()), best.score(), plan);
    }

    /**
     * The steps with the ids the plan parser gives ({@code s1}...) and their scope, or empty when any is out of
     * bounds. The scope is checked against the session by {@link ReplayChecks}.
     */
    private static List<PlanStep> plan(List<PlanStep> steps, int maxSteps) {
        if (steps == null || steps.isEmpty() || steps.size() > maxSteps) {
            return List.of();
        }
        List<PlanStep> plan = new ArrayList<>();
        for (PlanStep step : steps) {
            if (step == null || step.title() == null || step.title().isBlank()
                    || step.title().strip().length() > MAX_TITLE_CHARS || (step.instructions() != null
                            && step.instructions().strip().length() > MAX_INSTRUCTIONS_CHARS)) {
                return List.of();
            }
            String title = step.title().strip();
            String instructions = step.instructions() == null || step.instructions().isBlank() ? title
                    : step.instructions().strip();
            plan.add(new PlanStep("s" + (plan.size() + 1), title, instructions, null, step.scope()));
        }
        return List.copyOf(plan);
    }
}
