package dev.ratchet.verifier.step;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.CheckResult;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRejected;
import dev.ratchet.core.event.StepVerdict;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.core.event.StepWork;
import dev.ratchet.core.event.Verification;
import dev.ratchet.core.session.Session;
import dev.ratchet.runtime.lifecycle.InstanceId;
import dev.ratchet.runtime.metrics.RatchetMetrics;
import dev.ratchet.runtime.redis.Blobs;
import dev.ratchet.runtime.redis.SessionReader;
import dev.ratchet.runtime.redis.IncompletePatchChainException;
import dev.ratchet.runtime.redis.MissingBlobException;
import dev.ratchet.runtime.redis.PatchChain;
import dev.ratchet.workspace.CheckRunner;
import dev.ratchet.workspace.GitException;
import dev.ratchet.workspace.Workspace;
import dev.ratchet.workspace.Workspaces;

/**
 * Decides whether an attempt is kept: its patch must apply to exactly the state the step started from, and every
 * check must pass on the result. Only then is the step verified; anything else is a rejection with the reason and
 * the end of the failing output.
 */
@ApplicationScoped
public class StepVerifier {

    private final Workspaces workspaces;
    private final SessionReader sessions;
    private final PatchChain chain;
    private final Blobs blobs;
    private final CheckRunner checks;
    private final InstanceId instance;
    private final RatchetMetrics metrics;

    StepVerifier(Workspaces workspaces, SessionReader sessions, PatchChain chain, Blobs blobs, VerifierConfig config,
            InstanceId instance, RatchetMetrics metrics) {
        this.workspaces = workspaces;
        this.sessions = sessions;
        this.chain = chain;
        this.blobs = blobs;
        this.checks = new CheckRunner(config.outputTailBytes());
        this.instance = instance;
        this.metrics = metrics;
    }

    /** @param started when this verifier received the executed attempt (the end of its hop) */
    public StepVerdict verify(StepExecuted executed, Instant started) {
        StepExecuted.Payload p = executed.payload();
        if (p.error() != null) {
            return rejected(executed, started, StepRejected.STAGE_EXECUTE, p.error(), null, List.of());
        }
        StepWork work = p.work();
        // Where to verify and what to run come from the stored session, never from the event.
        Session session = sessions.find(executed.sessionId()).orElse(null);
        if (session == null) {
            return rejected(executed, started, StepRejected.STAGE_VERIFY, "verification failed: session "
                    + executed.sessionId() + " is gone", null, List.of());
        }
        try (Workspace ws = workspaces.lease(executed.sessionId(), session.repo(), session.baseCommit(),
                chain.first(executed.sessionId(), work.acceptedPatches()))) {
            String patch = blobs.get(p.patch());
            Optional<String> misfit = ws.checkApplies(patch);
            if (misfit.isPresent()) {
                return rejected(executed, started, StepRejected.STAGE_APPLY,
                        "the patch does not apply to the step's starting state", misfit.get(), List.of());
            }
            ws.apply(patch);
            List<CheckResult> results = new ArrayList<>();
            for (Check check : stepChecks(session)) {
                CheckResult result = checks.run(check, ws.dir());
                results.add(result);
                if (!result.passed()) {
                    return rejected(executed, started, StepRejected.STAGE_CHECK, failure(result),
                            result.outputTail(), results);
                }
            }
            Instant finished = Instant.now();
            metrics.stage("verify", Duration.between(started, finished));
            return StepVerified.of(executed, finished, new StepVerified.Payload(p.patch(), p.stats(), results,
                    p.execution(), new Verification(instance.value(), started, finished)));
        } catch (IncompletePatchChainException | MissingBlobException | GitException | UncheckedIOException e) {
            // A verdict the planner can act on (retry, then fail with this reason) beats a session left waiting.
            // Redis being away is not caught here: the consumer retries that.
            return rejected(executed, started, StepRejected.STAGE_VERIFY, "verification failed: " + e.getMessage(),
                    null, List.of());
        }
    }

    /** The checks run after every step, stage by stage (review, fast, test), in the session's order within a stage. */
    static List<Check> stepChecks(Session session) {
        return session.checks().stream().filter(c -> c.when() == Check.When.STEP)
                .sorted(Comparator.comparing(Check::stage)).toList();
    }

    /** Checks stop at the first failure: later checks cannot make a failed attempt pass, only slow the retry. */
    private static String failure(CheckResult result) {
        return result.timedOut()
                ? "check '" + result.name() + "' timed out after " + result.durationMs() + " ms"
                : "check '" + result.name() + "' failed (exit " + result.exitCode() + ")";
    }

    private StepRejected rejected(StepExecuted executed, Instant started, String stage, String reason,
            String outputTail, List<CheckResult> results) {
        Instant finished = Instant.now();
        metrics.stage("verify", Duration.between(started, finished));
        return StepRejected.of(executed, finished, new StepRejected.Payload(stage, reason, outputTail, results,
                executed.payload().execution(), new Verification(instance.value(), started, finished)));
    }
}
