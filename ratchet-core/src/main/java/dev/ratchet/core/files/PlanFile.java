package dev.ratchet.core.files;

import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.StepState;
import dev.ratchet.core.session.StepStatus;

/** PLAN.md: the goal and the ordered checklist of steps, ticked as they are verified. */
final class PlanFile {

    private PlanFile() {
    }

    static String render(Session session) {
        StringBuilder md = new StringBuilder("# PLAN\n\n")
                .append("Goal: ").append(SessionFiles.oneLine(session.goal())).append("\n\n")
                .append("Session `").append(session.id()).append("` on `").append(session.repo()).append("` from `")
                .append(shortSha(session.baseCommit())).append("` - ").append(session.status()).append("\n\n");
        if (session.steps().isEmpty()) {
            return md.append("_The planner model has not produced a plan yet._\n").toString();
        }
        for (StepState step : session.steps()) {
            md.append("- [").append(step.status() == StepStatus.VERIFIED ? 'x' : ' ').append("] ")
                    .append(step.index() + 1).append(". ").append(step.title()).append(suffix(step)).append('\n')
                    .append("  ").append(SessionFiles.oneLine(step.instructions())).append('\n');
        }
        return md.toString();
    }

    private static String suffix(StepState step) {
        return switch (step.status()) {
            case VERIFIED -> " (verified, attempt " + step.lastAttempt().number() + ")";
            case RUNNING -> " (in progress, attempt " + step.lastAttempt().number() + ")";
            case FAILED -> " (failed after " + step.attemptCount() + " attempts)";
            case PENDING -> "";
            case SKIPPED -> " (skipped by a person)";
        };
    }

    static String shortSha(String sha) {
        return sha == null ? "?" : sha.substring(0, Math.min(12, sha.length()));
    }
}
