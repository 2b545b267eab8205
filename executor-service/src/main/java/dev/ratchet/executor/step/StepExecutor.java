package dev.ratchet.executor.step;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.event.Execution;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.StepWork;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.timing.PhaseClock;
import dev.ratchet.runtime.lifecycle.InstanceId;
import dev.ratchet.runtime.metrics.RatchetMetrics;
import dev.ratchet.runtime.model.ModelClients;
import dev.ratchet.runtime.redis.Blobs;
import dev.ratchet.runtime.redis.IncompletePatchChainException;
import dev.ratchet.runtime.redis.PatchChain;
import dev.ratchet.runtime.redis.SessionReader;
import dev.ratchet.runtime.tracing.ModelSpans;
import dev.ratchet.workspace.GitException;
import dev.ratchet.workspace.Workspace;
import dev.ratchet.workspace.Workspaces;
import dev.ratchet.workspace.sandbox.SandboxRunner;
import dev.ratchet.workspace.step.StepLimits;
import dev.ratchet.workspace.step.StepOutcome;
import dev.ratchet.workspace.step.StepRunner;
import dev.ratchet.workspace.step.StepTask;

/**
 * Carries out one attempt: reads the session (checks, guardrails, maxTurns, progress) from Redis, materialises the
 * step's starting state, hands the step to ratchet-workspace's {@link StepRunner} (the tool loop the benchmark's
 * baseline runs too), stores the diff as a blob and describes the result. Anything that goes wrong becomes the
 * attempt's {@code error}, which the verifier turns into a rejection, so the planner can retry with the reason.
 */
@ApplicationScoped
public class StepExecutor {

    private final Workspaces workspaces;
    private final SessionReader sessions;
    private final PatchChain chain;
    private final Blobs blobs;
    private final ModelClients models;
    private final ExecutorConfig config;
    private final SandboxRunner sandbox;
    private final InstanceId instance;
    private final RatchetMetrics metrics;
    private final ModelSpans modelSpans;

    StepExecutor(Workspaces workspaces, SessionReader sessions, PatchChain chain, Blobs blobs, ModelClients models,
            ExecutorConfig config, SandboxRunner sandbox, InstanceId instance, RatchetMetrics metrics,
            ModelSpans modelSpans) {
        this.modelSpans = modelSpans;
        this.workspaces = workspaces;
        this.sessions = sessions;
        this.chain = chain;
        this.blobs = blobs;
        this.models = models;
        this.config = config;
        this.sandbox = sandbox;
        this.instance = instance;
        this.metrics = metrics;
    }

    /** The bounds of every attempt, from {@code ratchet.executor.*} and the executor model's window. */
    StepLimits limits() {
        return new StepLimits(config.maxOutputTokens(), models.config().executor().contextWindow(),
                config.contextBudgetPercent(), config.contextHardStopPercent(), config.maxReadBytes(),
                config.maxPatchBytes(), config.attemptTimeout());
    }

    /**
     * @param started when this executor began on the request (the end of the request's wait)
     * @param stopped true once the attempt must end early (the lease was lost, the service stops)
     * @throws RuntimeException when Redis cannot be read or written: the caller retries rather than spend an
     *         attempt on an outage
     */
    public StepExecuted execute(StepRequested request, Instant started, BooleanSupplier stopped) {
        StepWork work = request.payload().work();
        Session session = sessions.find(request.sessionId())
                .orElseThrow(() -> new IllegalStateException("session " + request.sessionId() + " is gone"));
        PhaseClock.lap("session-read");
        StepOutcome outcome;
        try (ModelSpans.Call call = modelSpans.start("executor", models.config().executor().model(), request)) {
            outcome = run(request, session, stopped);
            call.used(outcome.model(), outcome.usage().tokensIn(), outcome.usage().tokensOut());
            if (outcome.error() != null) {
                call.failed(outcome.error());
            }
        }
        Instant finished = Instant.now();
        metrics.stage("execute", Duration.between(started, finished));
        metrics.tokens("executor", outcome.usage().tokensIn(), outcome.usage().tokensOut());
        String model = outcome.model() != null ? outcome.model() : models.config().executor().model();
        Execution execution = new Execution(instance.value(), model, request.occurredAt(), started, finished,
                outcome.usage(), outcome.context());
        BlobRef stored = outcome.error() == null ? blobs.put(request.sessionId(), outcome.patch()) : null;
        PhaseClock.lap("patch-write");
        return StepExecuted.of(request, finished, new StepExecuted.Payload(work, stored, outcome.stats(), execution,
                outcome.error(), request.payload().sampling()));
    }

    /** The step's tool loop: the model's conversation with the workspace, which the span above covers. */
    private StepOutcome run(StepRequested request, Session session, BooleanSupplier stopped) {
        StepWork work = request.payload().work();
        try {
            List<String> starting = chain.first(request.sessionId(), work.acceptedPatches());
            PhaseClock.lap("patch-chain");
            try (Workspace ws = workspaces.lease(request.sessionId(), session.repo(), session.baseCommit(), starting)) {
                PhaseClock.lap("workspace");
                return new StepRunner(models.executor(), limits(), sandbox::run).run(ws,
                        StepTask.of(work, request.payload().feedback(), request.payload().contextBudgetTokens(),
                                request.payload().sampling(), session),
                        stopped);
            }
        } catch (IncompletePatchChainException | GitException | UncheckedIOException e) {
            return new StepOutcome(null, "the step's starting state cannot be prepared: " + e.getMessage(), null,
                    Usage.NONE, null);
        }
    }
}
