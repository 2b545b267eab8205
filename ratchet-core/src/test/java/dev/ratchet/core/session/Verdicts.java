package dev.ratchet.core.session;

import java.util.List;

import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.event.CheckResult;
import dev.ratchet.core.event.Execution;
import dev.ratchet.core.event.PatchStats;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRejected;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.event.Verification;

/** Executor results and verifier verdicts for a request, as the services would produce them. */
final class Verdicts {

    private Verdicts() {
    }

    static BlobRef patchFor(StepRequested request) {
        return BlobRef.of(request.sessionId(), patchTextFor(request));
    }

    static String patchTextFor(StepRequested request) {
        return "diff --git a/src/" + request.stepId() + ".py b/src/" + request.stepId() + ".py\n"
                + "--- a/src/" + request.stepId() + ".py\n+++ b/src/" + request.stepId() + ".py\n"
                + "@@ -1 +1 @@\n-pass\n+print(" + request.attempt() + ")\n";
    }

    static PatchStats statsFor(StepRequested request) {
        return new PatchStats(List.of("src/" + request.stepId() + ".py"), request.attempt(), 1);
    }

    static Execution execution(StepRequested request, Usage usage) {
        return new Execution("executor-1", "fast-coder", request.occurredAt(), request.occurredAt().plusSeconds(1),
                request.occurredAt().plusSeconds(3), usage);
    }

    static StepExecuted executed(StepRequested request, Usage usage) {
        return StepExecuted.of(request, request.occurredAt().plusSeconds(3), new StepExecuted.Payload(
                request.payload().work(), patchFor(request), statsFor(request), execution(request, usage), null));
    }

    static StepVerified verified(StepRequested request, Usage usage) {
        StepExecuted executed = executed(request, usage);
        return StepVerified.of(executed, request.occurredAt().plusSeconds(6), new StepVerified.Payload(
                patchFor(request), statsFor(request),
                List.of(new CheckResult("unit", "pytest -q", 0, true, false, 1800, "3 passed")),
                executed.payload().execution(), new Verification("verifier-1", request.occurredAt().plusSeconds(4),
                        request.occurredAt().plusSeconds(6))));
    }

    static StepRejected rejected(StepRequested request, Usage usage, String reason, String outputTail) {
        StepExecuted executed = executed(request, usage);
        return StepRejected.of(executed, request.occurredAt().plusSeconds(6), new StepRejected.Payload(
                StepRejected.STAGE_CHECK, reason, outputTail,
                List.of(new CheckResult("unit", "pytest -q", 1, false, false, 1700, outputTail)),
                executed.payload().execution(), new Verification("verifier-1", request.occurredAt().plusSeconds(4),
                        request.occurredAt().plusSeconds(6))));
    }
}
