package dev.ratchet.core.event;

/**
 * What one step is and the state it starts from: how many accepted patches of the session's chain make up its
 * starting tree. Executors and verifiers materialise exactly this state, so a step always sees the same tree however
 * late it is picked up. Where the step runs (the repository, the base commit), what it may change and which checks
 * judge it are never taken from an event: executors and verifiers read them from the session in Redis.
 */
public record StepWork(int acceptedPatches, int stepIndex, int stepCount, String title, String instructions,
        String goal) {
}
