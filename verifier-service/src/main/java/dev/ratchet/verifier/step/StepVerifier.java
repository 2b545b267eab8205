package dev.ratchet.verifier.step;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.checks.StepChecks;
import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.event.CheckResult;
import dev.ratchet.core.event.EventCodec;
import dev.ratchet.core.event.EventTooLargeException;
import dev.ratchet.core.event.PatchStats;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRejected;
import dev.ratchet.core.event.StepVerdict;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.core.event.Verification;
import dev.ratchet.core.patch.DiffStats;
import dev.ratchet.core.plan.StepLineBound;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.StepState;
import dev.ratchet.core.timing.PhaseClock;
import dev.ratchet.runtime.lifecycle.InstanceId;
import dev.ratchet.runtime.metrics.RatchetMetrics;
import dev.ratchet.runtime.redis.Blobs;
import dev.ratchet.runtime.redis.IncompletePatchChainException;
import dev.ratchet.runtime.redis.MissingBlobException;
import dev.ratchet.runtime.redis.PatchChain;
import dev.ratchet.runtime.redis.SessionReader;
import dev.ratchet.workspace.GitException;
import dev.ratchet.workspace.Workspaces;
import dev.ratchet.workspace.browser.BrowserChecks;
import dev.ratchet.workspace.sandbox.CheckContext;
import dev.ratchet.workspace.sandbox.CheckRunner;
import dev.ratchet.workspace.sandbox.SandboxRunner;
import dev.ratchet.workspace.verify.AttemptVerifier;
import dev.ratchet.workspace.verify.CheckCache;
import dev.ratchet.workspace.verify.CleanupPass;
import dev.ratchet.workspace.verify.StagedChecks;

/**
 * One verdict: everything the verifier acts on comes from the stored session (repository, base commit, the step's
 * place in the plan and so its starting state, guardrails, checks, the bound on changed lines its stored plan gives
 * the step), never from the event, which only says which attempt and which stored patch. The decision itself is {@link AttemptVerifier}'s.
 */
@ApplicationScoped
public class StepVerifier {

    /** Tails a verdict falls back to when twenty checks' output would not fit the event limit. */
    private static final int[] SMALLER_TAILS = {512, 0};

    private final SessionReader sessions;
    private final PatchChain chain;
    private final Blobs blobs;
    private final AttemptVerifier attempts;
    private final InstanceId instance;
    private final RatchetMetrics metrics;
    private final int tailBytes;

    StepVerifier(Workspaces workspaces, SessionReader sessions, PatchChain chain, Blobs blobs, SandboxRunner sandbox,
            CheckRunner commands, BrowserChecks browser, CheckCache cache, VerifierConfig config, InstanceId instance,
            RatchetMetrics metrics) {
        this.sessions = sessions;
        this.chain = chain;
        this.blobs = blobs;
        StagedChecks checks = new StagedChecks(sandbox, commands, browser, cache, config.outputTailBytes(),
                instance.value());
        this.attempts = new AttemptVerifier(workspaces, checks, new CleanupPass(sandbox, checks));
        this.instance = instance;
        this.metrics = metrics;
        this.tailBytes = config.outputTailBytes();
    }

    /**
     * @param started when this verifier received the executed attempt (the end of its hop)
     * @param stopped true once the attempt is no longer this verifier's; no check starts after that
     */
    public StepVerdict verify(StepExecuted executed, Instant started, BooleanSupplier stopped) {
        StepExecuted.Payload p = executed.payload();
        if (p.error() != null || p.patch() == null) {
            return rejected(executed, started, StepRejected.STAGE_EXECUTE,
                    p.error() != null ? p.error() : "the executor sent neither a patch nor an error", null, List.of());
        }
        Session session = sessions.find(executed.sessionId()).orElse(null);
        Optional<StepState> step = session == null ? Optional.empty()
                : session.steps().stream().filter(s -> s.id().equals(executed.stepId())).findFirst();
        if (step.isEmpty()) {
            return rejected(executed, started, StepRejected.STAGE_VERIFY, "verification failed: " + (session == null
                    ? "session " + executed.sessionId() + " is gone" : "the session has no step " + executed.stepId()),
                    null, List.of());
        }
        int index = step.get().index();
        PhaseClock.lap("session-read");
        try {
            List<String> starting = chain.first(session.id(), index);
            PhaseClock.lap("patch-chain");
            String patch = blobs.get(p.patch());
            PhaseClock.lap("patch-read");
            AttemptVerifier.Outcome outcome = attempts.verify(new AttemptVerifier.Request(session.id(), session.repo(),
                    session.baseCommit(), starting, patch, session.policy().guardrails(),
                    StepChecks.forStep(session.checks(), index, session.steps().size()),
                    StepLineBound.of(step.get().id(), step.get().scope()),
                    Optional.ofNullable(session.policy().cleanup())),
                    content -> blobs.put(session.id(), content),
                    new CheckContext(session.id(), executed.stepId(), executed.attempt(), stopped));
            if (!outcome.verified()) {
                return rejected(executed, started, outcome.stage(), outcome.reason(), outcome.detail(),
                        outcome.checks());
            }
            Instant finished = Instant.now();
            metrics.stage("verify", Duration.between(started, finished));
            // An applied cleanup makes the candidate's patch plus the fixer's the step's patch: the one the planner
            // appends to the chain, so the next step and the result branch start from the cleaned tree.
            BlobRef kept = outcome.cleanedPatch() == null ? p.patch() : blobs.put(session.id(), outcome.cleanedPatch());
            PatchStats stats = outcome.cleanedPatch() == null ? p.stats() : DiffStats.of(outcome.cleanedPatch());
            PhaseClock.lap("verdict");
            return fitted(tails -> StepVerified.of(executed, finished, new StepVerified.Payload(kept, stats, tails,
                    p.execution(), new Verification(instance.value(), started, finished), outcome.cleanup())),
                    outcome.checks());
        } catch (IncompletePatchChainException | MissingBlobException | GitException | UncheckedIOException e) {
            // A verdict the planner can act on (retry, then fail with this reason) beats a session left waiting.
            // Redis being away is not caught here: the consumer retries that.
            return rejected(executed, started, StepRejected.STAGE_VERIFY, "verification failed: " + e.getMessage(),
                    null, List.of());
        }
    }

    private StepRejected rejected(StepExecuted executed, Instant started, String stage, String reason, String detail,
            List<CheckResult> results) {
        Instant finished = Instant.now();
        metrics.stage("verify", Duration.between(started, finished));
        // A failed check's output matters at its end; a review's or an apply's list of problems at its start.
        String bounded = detail == null ? null : StepRejected.STAGE_CHECK.equals(stage)
                ? StagedChecks.tail(detail, tailBytes)
                : detail.length() <= tailBytes ? detail : detail.substring(0, tailBytes) + "\n[... cut]";
        // The patch it rejected stays readable (the console's "Show diff" on a loser); an executor's error has none.
        BlobRef patch = StepRejected.STAGE_EXECUTE.equals(stage) ? null : executed.payload().patch();
        return fitted(tails -> StepRejected.of(executed, finished, new StepRejected.Payload(stage, reason, bounded,
                tails, executed.payload().execution(), new Verification(instance.value(), started, finished), patch)),
                results);
    }

    /** The verdict as made, or with shorter output tails when it would not fit an event (the blobs keep it all). */
    private static <T extends StepVerdict> T fitted(Function<List<CheckResult>, T> verdict,
            List<CheckResult> results) {
        T made = verdict.apply(results);
        for (int tail : SMALLER_TAILS) {
            try {
                EventCodec.encode(made);
                return made;
            } catch (EventTooLargeException e) {
                made = verdict.apply(StagedChecks.withTails(results, tail));
            }
        }
        return made;
    }
}
