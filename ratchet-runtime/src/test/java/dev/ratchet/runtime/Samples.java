package dev.ratchet.runtime;

import java.time.Instant;
import java.util.List;

import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.Execution;
import dev.ratchet.core.event.PatchStats;
import dev.ratchet.core.event.SessionCreated;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.core.event.StepWork;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.event.Verification;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.StepPolicy;

/** Events of one made-up session, for the runtime's own tests. */
public final class Samples {

    public static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123Z");
    public static final String REPO = "/srv/repos/demo";
    public static final String BASE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
    public static final List<Check> CHECKS = List.of(new Check("unit", "true", 60));
    public static final String PATCH = "diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-a\n+b\n";

    private Samples() {
    }

    public static StepWork work() {
        return new StepWork(0, 0, 1, "Change a", "Change a to b", "Greet");
    }

    /** The session as the planner stores it: the authority (repo, base commit, checks) executors read. */
    public static Session session(String id) {
        return Session.created(id, REPO, "Greet", BASE, CHECKS, StepPolicy.DEFAULTS, T0);
    }

    public static SessionCreated created(String session) {
        return SessionCreated.of(session, T0, new SessionCreated.Payload(REPO, "Greet", BASE, CHECKS));
    }

    public static StepRequested requested(String session) {
        return StepRequested.of(session, "s1", 1, 0, T0, new StepRequested.Payload(work(), List.of(), 8000));
    }

    public static StepExecuted executed(String session) {
        StepRequested request = requested(session);
        return StepExecuted.of(request, T0.plusSeconds(2), new StepExecuted.Payload(request.payload().work(),
                BlobRef.of(session, PATCH), new PatchStats(List.of("a.txt"), 1, 1),
                new Execution("executor-1", "simulated", T0, T0.plusMillis(10), T0.plusSeconds(1), Usage.NONE),
                null));
    }

    /** An executor's answer to {@code request} without a patch: {@code error} tells answers apart. */
    public static StepExecuted failed(StepRequested request, String error) {
        return StepExecuted.of(request, T0.plusSeconds(2), new StepExecuted.Payload(request.payload().work(), null,
                PatchStats.EMPTY, null, error));
    }

    public static StepVerified verified(String session) {
        StepExecuted executed = executed(session);
        return StepVerified.of(executed, T0.plusSeconds(3), new StepVerified.Payload(executed.payload().patch(),
                executed.payload().stats(), List.of(), executed.payload().execution(),
                new Verification("verifier-1", T0.plusSeconds(2), T0.plusSeconds(3))));
    }
}
