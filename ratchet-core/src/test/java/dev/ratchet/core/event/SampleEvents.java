package dev.ratchet.core.event;

import java.time.Instant;
import java.util.List;

import dev.ratchet.core.guardrail.Guardrails;

/** One realistic event of every catalogued type, built with the records' own factories. */
public final class SampleEvents {

    public static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123Z");
    public static final String SESSION = "0f8fad5b-d9cb-469f-a165-70867728950e";
    public static final String REPO = "/srv/repos/demo";
    public static final String GOAL = "Greet the user by name";
    public static final String BASE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
    public static final List<Check> CHECKS = List.of(new Check("unit", "mvn -q test", 600),
            new Check("lint", "ruff check .", 60));
    public static final Usage USAGE = new Usage(1200, 340, 2100, 161.9);
    public static final StepWork WORK = new StepWork(1, 1, 3, "Add greet()",
            "Add greet(name) to src/app.py and a test", GOAL);
    public static final Execution EXECUTION = new Execution("executor-7", "fast-coder-1", T0, T0.plusMillis(40),
            T0.plusMillis(2300), USAGE);
    public static final Verification VERIFICATION = new Verification("verifier-2", T0.plusMillis(2350),
            T0.plusMillis(5100));
    public static final PatchStats STATS = new PatchStats(List.of("src/app.py", "tests/test_app.py"), 12, 1);
    public static final String PATCH = "diff --git a/src/app.py b/src/app.py\n--- a/src/app.py\n+++ b/src/app.py\n"
            + "@@ -1 +1,2 @@\n-print(\"Hi\")\n+def greet(name):\n+    return f\"Hello, {name}\"\n";
    public static final BlobRef PATCH_REF = BlobRef.of(SESSION, PATCH);

    private SampleEvents() {
    }

    public static SessionCreated created() {
        return SessionCreated.of(SESSION, T0, new SessionCreated.Payload(REPO, GOAL, BASE, CHECKS));
    }

    public static StepRequested requested() {
        return StepRequested.of(SESSION, "s2", 2, 1, T0.plusSeconds(1),
                new StepRequested.Payload(WORK, List.of("at check: unit failed\nOutput:\nAssertionError"), 8000));
    }

    public static StepExecuted executed() {
        return StepExecuted.of(requested(), T0.plusSeconds(3),
                new StepExecuted.Payload(WORK, PATCH_REF, STATS, EXECUTION, null));
    }

    public static StepVerified verified() {
        return StepVerified.of(executed(), T0.plusSeconds(6), new StepVerified.Payload(PATCH_REF, STATS,
                List.of(new CheckResult("unit", "mvn -q test", 0, true, false, 2700, "BUILD SUCCESS"),
                        new CheckResult("lint", "ruff check .", 0, true, false, 90, "")),
                EXECUTION, VERIFICATION));
    }

    public static StepRejected rejected() {
        return StepRejected.of(executed(), T0.plusSeconds(6), new StepRejected.Payload(StepRejected.STAGE_CHECK,
                "check unit failed (exit 1)", "FAILED tests/test_app.py::test_greet",
                List.of(new CheckResult("unit", "mvn -q test", 1, false, false, 2700, "FAILED"),
                        new CheckResult("lint", "ruff check .", 124, false, true, 60000, "timeout")),
                EXECUTION, VERIFICATION, PATCH_REF));
    }

    public static SessionCompleted completed() {
        return SessionCompleted.of(SESSION, T0.plusSeconds(60), new SessionCompleted.Payload(REPO, GOAL, BASE,
                List.of(new SessionCompleted.CompletedStep("s1", "Add greet()", "Add greet(name)", 1, STATS),
                        new SessionCompleted.CompletedStep("s2", "Test greet()", "Add a test", 2, PatchStats.EMPTY)),
                CHECKS, Guardrails.DEFAULTS, USAGE, 60_000));
    }

    public static SessionFailed failed() {
        return SessionFailed.of(SESSION, "s2", 3, T0.plusSeconds(90),
                new SessionFailed.Payload(REPO, GOAL, "step 2/3 \"Test greet()\" was rejected 3 times", 1));
    }

    public static List<RatchetEvent> all() {
        return List.of(created(), requested(), executed(), verified(), rejected(), completed(), failed());
    }
}
