package dev.ratchet.core.session;

import java.util.ArrayList;
import java.util.List;

import dev.ratchet.core.plan.PlanStep;

public record StepState(String id, int index, String title, String instructions, StepStatus status,
        List<Attempt> attempts) {

    public static StepState pending(PlanStep step, int index) {
        return new StepState(step.id(), index, step.title(), step.instructions(), StepStatus.PENDING, List.of());
    }

    public Attempt lastAttempt() {
        return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
    }

    public int attemptCount() {
        return attempts.size();
    }

    StepState withAttempt(Attempt attempt, StepStatus newStatus) {
        List<Attempt> list = new ArrayList<>(attempts);
        if (!list.isEmpty() && list.get(list.size() - 1).number() == attempt.number()) {
            list.set(list.size() - 1, attempt);
        } else {
            list.add(attempt);
        }
        return new StepState(id, index, title, instructions, newStatus, List.copyOf(list));
    }

    StepState withStatus(StepStatus newStatus) {
        return new StepState(id, index, title, instructions, newStatus, attempts);
    }
}
