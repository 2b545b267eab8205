package dev.ratchet.core.prompt;

import java.util.List;

import dev.ratchet.core.event.PatchStats;
import dev.ratchet.core.session.Attempt;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.StepState;
import dev.ratchet.core.session.StepStatus;

/**
 * What PROGRESS.md says is done, in a few lines for the executor: the session's verified steps with the files each
 * changed, so a step knows what the ones before it built. Read from the session in Redis, like everything that
 * gives an executor authority.
 */
public final class ProgressSummary {

    private ProgressSummary() {
    }

    /** One line per verified step ({@code 1. title: files (+a -r)}); empty when nothing is verified yet. */
    public static String of(Session session) {
        List<StepState> done = session.steps().stream().filter(s -> s.status() == StepStatus.VERIFIED).toList();
        if (done.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (StepState step : done) {
            // "N. title", never "Step N of M: title": that phrase names the step being asked for.
            text.append(step.index() + 1).append(". ").append(step.title());
            Attempt last = step.lastAttempt();
            PatchStats stats = last == null ? null : last.stats();
            if (stats != null && !stats.files().isEmpty()) {
                text.append(": ").append(String.join(", ", stats.files())).append(" (+").append(stats.linesAdded())
                        .append(" -").append(stats.linesRemoved()).append(')');
            }
            text.append('\n');
        }
        return text.toString();
    }
}
