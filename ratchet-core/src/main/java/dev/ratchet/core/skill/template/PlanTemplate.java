package dev.ratchet.core.skill.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ratchet.core.json.Json;
import dev.ratchet.core.plan.PlanStep;

/**
 * A proven plan with its session's specifics made parameters: the goal and the steps as templates, and each
 * parameter's value in the session it was captured from. A planner replays it by binding a new goal
 * ({@link #bind}) and instantiating the steps ({@link #instantiate}); a parameter the goal does not give keeps its
 * captured value.
 *
 * @param parameters parameter name to its value in the source session, in order of appearance
 */
public record PlanTemplate(String goal, List<StepTemplate> steps, Map<String, String> parameters) {

    public PlanTemplate {
        steps = List.copyOf(steps);
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** The parameter values for {@code newGoal}: those it gives by following the goal template, else the captured. */
    public Map<String, String> bind(String newGoal) {
        Map<String, String> values = new LinkedHashMap<>(parameters);
        values.putAll(Placeholders.bind(goal, newGoal));
        return values;
    }

    /** The parameters {@code newGoal} gives a value of its own (the rest keep the captured values). */
    public List<String> boundBy(String newGoal) {
        return new ArrayList<>(Placeholders.bind(goal, newGoal).keySet());
    }

    /** The plan with {@code values} filled in; step ids {@code s1}, {@code s2}, ... as the plan parser gives. */
    public List<PlanStep> instantiate(Map<String, String> values) {
        List<PlanStep> plan = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            StepTemplate step = steps.get(i);
            plan.add(new PlanStep("s" + (i + 1), Placeholders.fill(step.title(), values),
                    Placeholders.fill(step.instructions(), values)));
        }
        return List.copyOf(plan);
    }

    public String toJson() {
        return Json.write(this);
    }

    public static PlanTemplate fromJson(String json) {
        return Json.read(json, PlanTemplate.class);
    }
}
