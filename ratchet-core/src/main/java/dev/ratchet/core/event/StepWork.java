package dev.ratchet.core.event;

import java.util.List;

/**
 * Where a step runs: the repository, the base commit, and how many accepted patches of the session's chain make up
 * the state the step starts from. Executors and verifiers materialise exactly this state, so a step always sees the
 * same tree however late it is picked up.
 */
public record StepWork(String repo, String baseCommit, int acceptedPatches, int stepIndex, int stepCount, String title,
        String instructions, String goal, List<Check> checks) {
}
