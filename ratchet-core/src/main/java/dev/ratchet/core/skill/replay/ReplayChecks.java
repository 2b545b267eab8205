package dev.ratchet.core.skill.replay;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.ratchet.core.plan.PlanChecks;
import dev.ratchet.core.plan.PlanLimits;
import dev.ratchet.core.plan.PlanRounds;
import dev.ratchet.core.session.FieldViolation;

/**
 * A skill's plan is held to the checks a planner model's plan is held to in this session ({@link PlanChecks}) before
 * it is replayed: a skill proven on another repository (or another commit of this one) may name files this base
 * commit does not have, checks this session does not run, or a step bound over this session's guardrail. A plan with
 * problems is not replayed; the planner model plans the session instead, and the reason names each problem by field.
 */
public final class ReplayChecks {

    private ReplayChecks() {
    }

    /**
     * Why {@code replay} may not run in this session, empty when it may.
     *
     * @param repoFiles the repository's files at the session's base commit
     * @param checks    the names of the session's checks
     */
    public static Optional<String> refusal(ReplayChoice.Replay replay, PlanLimits limits,
            Collection<String> repoFiles, Collection<String> checks) {
        List<FieldViolation> problems = PlanChecks.violations(replay.plan(), limits, repoFiles, checks);
        return problems.isEmpty() ? Optional.empty()
                : Optional.of("skill " + replay.skill() + " not replayed, its plan cannot run in this session ("
                        + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "): "
                        + PlanRounds.summary(problems) + "; the planner model plans it");
    }
}
