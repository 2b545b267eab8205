package dev.ratchet.executor.step;

import java.util.Locale;

import dev.ratchet.core.event.ContextUse;
import dev.ratchet.core.event.Execution;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.StepWork;
import dev.ratchet.core.session.Progress;

/** The progress line an executor writes for an attempt. */
final class ExecutionSummary {

    private ExecutionSummary() {
    }

    /** {@code step 2/3 "title" attempt 1}, as the planner's progress lines name a step. */
    static String label(StepRequested request) {
        StepWork work = request.payload().work();
        // A best-of-N variant (the only requests with sampling) is named, so the demo shows who took which.
        return String.format(Locale.ROOT, "step %d/%d \"%s\" attempt %d", work.stepIndex() + 1, work.stepCount(),
                work.title(), request.attempt()) + (request.payload().sampling() == null ? ""
                        : " variant " + request.variant());
    }

    /** The progress line's {@code variant}: a best-of-N variant's number, null for a one-variant attempt. */
    static Integer variant(StepRequested request) {
        return Progress.variantOf(request.variant(), request.payload().sampling() != null);
    }

    static String describe(StepRequested request, StepExecuted result) {
        Execution e = result.payload().execution();
        String head = label(request) + " executed by " + e.executor();
        String model = String.format(Locale.ROOT, "%s: %d tokens in, %d out at %.0f tok/s, model %d ms",
                e.model(), e.usage().tokensIn(), e.usage().tokensOut(), e.usage().tokensPerSecond(),
                e.usage().modelMs()) + context(e.context());
        if (result.payload().error() != null) {
            return head + " without a patch (" + model + "): " + result.payload().error();
        }
        return head + " (" + model + "): +" + result.payload().stats().linesAdded() + " -"
                + result.payload().stats().linesRemoved() + " in " + result.payload().stats().files().size()
                + " files";
    }

    /** {@code , 3 turns, peak context 5123 tokens (4.0 % of the window)}; empty before any model call. */
    private static String context(ContextUse c) {
        if (c == null || c.turns() == 0) {
            return "";
        }
        return String.format(Locale.ROOT, ", %d %s, peak context %d tokens (%.1f %% of the window)", c.turns(),
                c.turns() == 1 ? "turn" : "turns", c.peakTokens(), c.percentOfWindow());
    }
}
