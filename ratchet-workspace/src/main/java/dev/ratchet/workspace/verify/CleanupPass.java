package dev.ratchet.workspace.verify;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.ratchet.core.checks.CleanupDecision;
import dev.ratchet.core.checks.Fixer;
import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.CheckResult;
import dev.ratchet.core.event.CleanupResult;
import dev.ratchet.workspace.Workspace;
import dev.ratchet.workspace.sandbox.CheckContext;
import dev.ratchet.workspace.sandbox.CheckExtras;
import dev.ratchet.workspace.sandbox.SandboxResult;
import dev.ratchet.workspace.sandbox.SandboxRunner;

/**
 * The cleanup pass on a verified candidate: the session's fixer runs in the check sandbox on a copy of the
 * candidate's tree (offline, scrubbed, its timeout), and the copy's git hands back what it changed; a change is
 * reviewed as the step's whole patch (candidate plus fixer) under the session's guardrails and the step's bound,
 * applied to the step's starting state, and judged by every step check again. {@link CleanupDecision} decides;
 * the candidate stays verified whatever the fixer does. The fixer always runs in this machine's sandbox (a
 * {@code kubernetes} check runner runs the checks only), since its change must come back.
 */
public final class CleanupPass {

    /** The directory under the fixer's HOME that comes back: its script in, the two diffs out. */
    static final String OUT = "ratchet-cleanup";
    /** As large as a person's candidate may be (the API's 1 MiB body): a fixer rewriting more is not a cleanup. */
    static final int MAX_PATCH_BYTES = 1 << 20;
    /**
     * Runs the fixer from a file (any command text is safe), then stages everything and writes the fixer's own
     * change (against the candidate's tree) and the whole step's (against the starting commit). The fixer's exit
     * status is kept; when git cannot write the diffs they are left out, which the decision reads as unreadable.
     */
    static final String WRAPPER = "out=\"$HOME/" + OUT + "\"; before=$(git write-tree) || exit 125; "
            + "sh \"$out/fixer.sh\" </dev/null; status=$?; "
            + "{ git add -A && git diff --cached --binary \"$before\" > \"$out/fixer.patch\" "
            + "&& git diff --cached --binary HEAD > \"$out/step.patch\"; } || rm -f \"$out/fixer.patch\"; "
            + "exit $status";

    /**
     * What the pass did: its result for the verdict, and when it was applied the step's patch and the checks of the
     * cleaned tree.
     */
    public record Result(CleanupResult result, String patch, List<CheckResult> checks) {

        public boolean applied() {
            return result.applied();
        }

        static Result kept(CleanupResult result) {
            return new Result(result, null, List.of());
        }
    }

    private final SandboxRunner sandbox;
    private final StagedChecks checks;

    public CleanupPass(SandboxRunner sandbox, StagedChecks checks) {
        this.sandbox = sandbox;
        this.checks = checks;
    }

    /**
     * @param ws the candidate's workspace: its patch applied to the index and every check passed
     * @param request the attempt (guardrails, step bound, checks)
     * @throws VerificationStoppedException when the attempt stopped being this verifier's before the fixer started
     */
    Result run(Workspace ws, Fixer fixer, AttemptVerifier.Request request, Artifacts artifacts, CheckContext context) {
        if (context.stopped().getAsBoolean()) {
            throw new VerificationStoppedException("stopped before the cleanup pass");
        }
        SandboxResult ran = sandbox.run(new Check(fixer.name(), WRAPPER, fixer.timeoutSeconds()), ws.dir(),
                new CheckExtras(Map.of(OUT + "/fixer.sh", fixer.command().getBytes(StandardCharsets.UTF_8)), OUT,
                        null));
        CleanupDecision.FixerRun run = new CleanupDecision.FixerRun(ran.exitCode(), ran.timedOut(), ran.durationMs(),
                fixer.timeoutSeconds());
        byte[] own = ran.collected().get("fixer.patch");
        byte[] step = ran.collected().get("step.patch");
        String fixerPatch = own == null || step == null ? null : new String(own, StandardCharsets.UTF_8);
        Optional<CleanupResult> end = CleanupDecision.afterFixer(fixer, run, fixerPatch);
        if (end.isPresent()) {
            return Result.kept(end.get());
        }
        String patch = new String(step, StandardCharsets.UTF_8);
        ws.reset();
        Optional<String> refused = step.length > MAX_PATCH_BYTES
                ? Optional.of("is " + step.length + " bytes, over " + MAX_PATCH_BYTES)
                : AttemptVerifier.applyReviewed(ws, patch, request.guardrails(), request.stepBound())
                        .map(o -> "is " + (o.reason().startsWith("rejected") ? "" : "refused: ") + o.reason());
        end = CleanupDecision.afterReview(fixer, run, fixerPatch, refused);
        if (end.isPresent()) {
            return Result.kept(end.get());
        }
        List<CheckResult> again = checks.run(request.checks(), ws.dir(), ws.writeTree(), artifacts, context);
        CleanupResult decided = CleanupDecision.afterChecks(fixer, run, fixerPatch, again);
        return decided.applied() ? new Result(decided, patch, again) : Result.kept(decided);
    }
}
