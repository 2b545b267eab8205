package dev.ratchet.skills.search;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.guardrail.Guardrails;
import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.core.skill.RatchetSkill;
import dev.ratchet.core.skill.search.SearchHit;
import dev.ratchet.core.skill.template.PlanTemplate;
import dev.ratchet.core.skill.trust.SkillStatus;
import dev.ratchet.skills.store.SkillRecord;

/**
 * The planner's question: which skills could plan this goal in this repository, how well, and the plan each would
 * give. Only skills with a Ratchet plan are matches. The score is the search score, 1 when the goal follows the
 * skill's goal template (the same task with other names), times {@code 0.5 + 0.5 * repoFit} when the planner named
 * the repository's files ({@code repoFit}: the share of the plan's file parameters the repository has).
 */
@ApplicationScoped
public class SkillMatcher {

    private final SkillSearch search;

    SkillMatcher(SkillSearch search) {
        this.search = search;
    }

    /**
     * One skill that could plan the goal.
     *
     * @param autoApply the skill is trusted: a planner may apply it without its model when the score is above its
     *        own threshold
     * @param boundParameters the parameters the goal gave a value of its own; the others keep the captured values
     * @param steps the plan instantiated for the goal
     */
    public record Match(String name, int version, SkillStatus status, String statusReason, boolean autoApply,
            double score, double relevance, Double repoFit, boolean goalMatched, String why,
            Map<String, String> parameters, List<String> boundParameters, List<PlanStep> steps, List<Check> checks,
            Guardrails guardrails) {
    }

    /**
     * @param files paths in the repository (null: unknown)
     * @param visible the skills the session's team may replay
     */
    public List<Match> match(String goal, List<String> files, int limit, Predicate<SkillRecord> visible) {
        return search.search(goal, Integer.MAX_VALUE, visible).stream().filter(f -> f.entry().ratchet().isPresent())
                .map(f -> match(goal, files, f)).sorted((a, b) -> Double.compare(b.score(), a.score()))
                .limit(limit).toList();
    }

    private static Match match(String goal, List<String> files, SkillSearch.Found found) {
        SearchHit hit = found.hit();
        RatchetSkill data = found.entry().ratchet().orElseThrow();
        PlanTemplate plan = data.plan();
        List<String> bound = plan.boundBy(goal);
        boolean goalMatched = !bound.isEmpty() || plan.goal().strip().equalsIgnoreCase(goal.strip());
        double relevance = goalMatched ? 1 : hit.score();
        Double repoFit = files == null ? null : repoFit(plan, files);
        double score = Math.round(relevance * (repoFit == null ? 1 : 0.5 + 0.5 * repoFit) * 1000) / 1000.0;
        String why = (goalMatched ? "the goal follows the skill's goal template; " : "") + hit.why()
                + (repoFit == null ? "" : String.format(Locale.ROOT, "; the repository has %.0f %% of the plan's "
                        + "files", 100 * repoFit));
        Map<String, String> values = plan.bind(goal);
        return new Match(found.entry().record().name(), found.entry().record().latest(),
                found.entry().record().status(), found.entry().record().statusReason(),
                found.entry().record().status() == SkillStatus.TRUSTED, score, relevance, repoFit, goalMatched, why,
                values, bound, plan.instantiate(values), data.checks(), data.guardrails());
    }

    private static double repoFit(PlanTemplate plan, List<String> files) {
        Set<String> present = new HashSet<>(files);
        List<String> planFiles = plan.parameters().entrySet().stream().filter(e -> e.getKey().startsWith("file"))
                .map(Map.Entry::getValue).toList();
        return planFiles.isEmpty() ? 1 : (double) planFiles.stream().filter(present::contains).count()
                / planFiles.size();
    }
}
