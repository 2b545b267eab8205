package dev.ratchet.core.files;

import java.util.List;

import dev.ratchet.core.session.Attempt;
import dev.ratchet.core.session.AttemptTimings;
import dev.ratchet.core.session.Directive;
import dev.ratchet.core.session.Progress;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.StepState;
import dev.ratchet.core.session.StepStatus;

/**
 * PROGRESS.md: what is done (with its cost), what is next, people's directives with their times (what a fresh
 * process needs to know it was told), and the most recent events.
 */
final class ProgressFile {

    private static final int RECENT = 20;

    private ProgressFile() {
    }

    static String render(Session session, List<Progress> progress) {
        StringBuilder md = new StringBuilder("# PROGRESS\n\n")
                .append("Status: ").append(session.status()).append(" - ").append(session.verifiedSteps())
                .append('/').append(session.steps().size()).append(" steps verified\n");
        if (session.failureReason() != null) {
            md.append("Failure: ").append(SessionFiles.oneLine(session.failureReason())).append('\n');
        }
        md.append("\n## Done\n\n");
        List<StepState> done = session.steps().stream().filter(PlanFile::checked).toList();
        if (done.isEmpty()) {
            md.append("_Nothing verified yet._\n");
        }
        for (StepState step : done) {
            if (step.status() == StepStatus.DONE) {
                md.append("- ").append(step.index() + 1).append(". ").append(step.title()).append(" -")
                        .append(PlanFile.DONE_SUFFIX).append('\n');
                continue;
            }
            Attempt last = step.lastAttempt();
            AttemptTimings t = last.timings();
            md.append("- ").append(step.index() + 1).append(". ").append(step.title()).append(" - ")
                    .append(step.attemptCount()).append(step.attemptCount() == 1 ? " attempt" : " attempts")
                    .append(", ").append(last.usage().tokensOut()).append(" tokens out, model ").append(t.modelMs())
                    .append(" ms, verify ").append(t.verifyMs()).append(" ms\n");
            if (last.cleanup() != null) {
                // Indented: a resume reads only the step lines ("- N. title - ...") of this section.
                md.append("  - ").append(SessionFiles.oneLine(last.cleanup().summary())).append('\n');
            }
        }
        md.append("\n## Next\n\n");
        List<StepState> open = session.steps().stream().filter(s -> !PlanFile.checked(s)).toList();
        if (open.isEmpty()) {
            md.append(session.steps().isEmpty() ? "_Waiting for the plan._\n" : "_Nothing: every step is verified._\n");
        }
        for (StepState step : open) {
            md.append("- ").append(step.index() + 1).append(". ").append(step.title()).append(" - ")
                    .append(step.status().name().toLowerCase(java.util.Locale.ROOT)).append('\n');
        }
        PlanFile.revisions(session, md);
        steering(session, md);
        md.append("\n## Recent events\n\n");
        progress.stream().skip(Math.max(0, progress.size() - RECENT))
                .forEach(p -> md.append("- ").append(p.at()).append(' ').append(p.message()).append('\n'));
        return md.toString();
    }

    private static void steering(Session session, StringBuilder md) {
        List<Directive> directives = session.steering().directives();
        if (directives.isEmpty()) {
            return;
        }
        md.append("\n## Steering\n\n");
        for (Directive d : directives) {
            md.append("- ").append(d.receivedAt()).append(' ').append(SessionFiles.oneLine(d.describe()))
                    .append(d.pending() ? " - pending, takes effect at the next step boundary"
                            : " - applied " + d.appliedAt() + (d.effectiveStep() == null ? " at the end"
                                    : " before step " + d.effectiveStep()) + ": " + d.outcome())
                    .append('\n');
        }
    }
}
