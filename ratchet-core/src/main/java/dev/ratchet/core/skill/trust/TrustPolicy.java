package dev.ratchet.core.skill.trust;

import java.util.List;
import java.util.Locale;

/**
 * Decides a skill's status from its replays, the way verification decides a step: by results, not by claims.
 * A skill is {@code degraded} when its pass rate over its last {@code window} replays (fewer while it has fewer)
 * is below {@code minPassRate}; otherwise {@code trusted} once it has {@code trustAfter} passing replays or a
 * person approved it; otherwise a {@code candidate}. An approval counts from the moment it is given: the replays
 * before it no longer count against the skill.
 *
 * @param trustAfter passing replays that make a skill trusted (K)
 * @param window the recent replays the pass rate is taken over (K)
 * @param minPassRate the pass rate under which a skill is degraded
 */
public record TrustPolicy(int trustAfter, int window, double minPassRate) {

    /** Three passes prove a plan; two failures in the last five (60 %) is still fine, three is not. */
    public static final TrustPolicy DEFAULTS = new TrustPolicy(3, 5, 0.6);

    public TrustPolicy {
        if (trustAfter < 1 || window < 1 || minPassRate < 0 || minPassRate > 1) {
            throw new IllegalArgumentException("trust after >= 1 replays, a window >= 1 and a pass rate of 0..1");
        }
    }

    /**
     * @param outcomes whether each replay since the last approval (all, when none) passed, oldest first
     * @param approved whether a person approved the skill
     */
    public Standing judge(List<Boolean> outcomes, boolean approved) {
        List<Boolean> recent = outcomes.subList(Math.max(0, outcomes.size() - window), outcomes.size());
        long passes = recent.stream().filter(p -> p).count();
        if (!recent.isEmpty() && (double) passes / recent.size() < minPassRate) {
            return new Standing(SkillStatus.DEGRADED, String.format(Locale.ROOT, "%d of the last %d replays "
                    + "passed (%.0f %%), under the %.0f %% required", passes, recent.size(),
                    100.0 * passes / recent.size(), 100 * minPassRate));
        }
        long allPasses = outcomes.stream().filter(p -> p).count();
        if (approved) {
            return new Standing(SkillStatus.TRUSTED, "approved by a person");
        }
        if (allPasses >= trustAfter) {
            return new Standing(SkillStatus.TRUSTED, allPasses + " replays passed");
        }
        return new Standing(SkillStatus.CANDIDATE, allPasses + " of the " + trustAfter + " passing replays that "
                + "make it trusted");
    }
}
