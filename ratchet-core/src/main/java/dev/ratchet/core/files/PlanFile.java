package dev.ratchet.core.files;

import java.util.stream.Collectors;

import dev.ratchet.core.session.Revision;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.StepState;
import dev.ratchet.core.session.StepStatus;

/** PLAN.md: the goal and the ordered checklist of steps, ticked as they are verified; then the plan's revisions. */
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
            md.append("- [").append(checked(step) ? 'x' : ' ').append("] ")
                    .append(step.index() + 1).append(". ").append(step.title()).append(suffix(step)).append('\n')
                    .append("  ").append(SessionFiles.oneLine(step.instructions())).append('\n');
            if (step.scope() != null) {
                md.append("  ").append(ScopeLine.render(step.scope())).append('\n');
            }
        }
        revisions(session, md);
        return md.toString();
    }

    /**
     * The re-plannings after failed steps, oldest first, with what each replaced (PLAN.md and PROGRESS.md both show
     * them): nothing for a session that was never re-planned.
     */
    static void revisions(Session session, StringBuilder md) {
        if (session.revisions().isEmpty()) {
            return;
        }
        md.append("\n## Revisions\n\n");
        for (Revision r : session.revisions()) {
            md.append("- Revision ").append(r.number()).append(", after step ").append(r.failedStep())
                    .append(" failed: ").append(SessionFiles.oneLine(r.reason())).append(" - ");
            if (r.pending()) {
                md.append("waiting for the planner model (asked ").append(r.requestedAt()).append(")\n");
                continue;
            }
            md.append("replaced ").append(r.replaced().stream().map(x -> x.id() + " \"" + x.title() + "\"")
                    .collect(Collectors.joining(", "))).append(" with ").append(String.join(", ", r.revisedSteps()))
                    .append(" (").append(r.revisedAt()).append(")\n");
        }
    }

    private static String suffix(StepState step) {
        return switch (step.status()) {
            case VERIFIED -> " (verified, attempt " + step.lastAttempt().number() + ")";
            case RUNNING -> " (in progress, attempt " + step.lastAttempt().number() + ")";
            case FAILED -> " (failed after " + step.attemptCount() + " attempts)";
            case PENDING -> "";
            case SKIPPED -> " (skipped by a person)";
            case DONE -> DONE_SUFFIX;
        };
    }

    /** What a step checked when the session resumed is marked with (ResumeFiles reads it back). */
    static final String DONE_SUFFIX = " (done before the session resumed)";

    /** Ticked: verified by this session, or already done in the repository when it resumed. */
    static boolean checked(StepState step) {
        return step.status() == StepStatus.VERIFIED || step.status() == StepStatus.DONE;
    }

    static String shortSha(String sha) {
        return sha == null ? "?" : sha.substring(0, Math.min(12, sha.length()));
    }
}
