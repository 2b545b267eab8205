package dev.ratchet.core.skill.capture;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.skill.Digests;
import dev.ratchet.core.skill.template.PlanTemplate;
import dev.ratchet.core.skill.template.StepTemplate;

/**
 * What makes two captured plans the same skill: the same checks (by command), the same number of steps, and step
 * templates that say much the same (the mean word overlap of the steps, Jaccard, at least a threshold). The
 * {@link #key} groups candidates so that only plans with equal checks and step count are compared.
 */
public record PlanShape(String key, List<Set<String>> stepWords) {

    public static PlanShape of(PlanTemplate plan, List<Check> checks) {
        String commands = checks.stream().map(c -> c.command().strip().replaceAll("\\s+", " ")).sorted()
                .collect(Collectors.joining("\n"));
        String key = Digests.sha256(commands + "\n#" + plan.steps().size()).substring(0, 16);
        return new PlanShape(key, plan.steps().stream().map(PlanShape::words).toList());
    }

    /** Mean Jaccard overlap of the steps' words, 0 when the step counts differ. */
    public double similarity(PlanShape other) {
        if (!key.equals(other.key) || stepWords.size() != other.stepWords.size() || stepWords.isEmpty()) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < stepWords.size(); i++) {
            Set<String> union = new HashSet<>(stepWords.get(i));
            union.addAll(other.stepWords.get(i));
            Set<String> common = new HashSet<>(stepWords.get(i));
            common.retainAll(other.stepWords.get(i));
            sum += union.isEmpty() ? 1 : (double) common.size() / union.size();
        }
        return sum / stepWords.size();
    }

    private static Set<String> words(StepTemplate step) {
        return Arrays.stream((step.title() + " " + step.instructions()).toLowerCase(Locale.ROOT)
                .split("[^a-z0-9{}]+")).filter(w -> w.length() >= 2).collect(Collectors.toUnmodifiableSet());
    }
}
