package dev.ratchet.core.event;

/** What the planner consumes: the verifier's decision on one attempt. */
public sealed interface StepVerdict extends RatchetEvent permits StepVerified, StepRejected {

    Execution execution();

    Verification verification();
}
