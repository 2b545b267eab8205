package dev.ratchet.executor.step;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.event.Execution;
import dev.ratchet.core.event.PatchStats;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.StepWork;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.patch.ApplyPatch;
import dev.ratchet.core.patch.DiffStats;
import dev.ratchet.core.patch.PatchApplier;
import dev.ratchet.core.patch.PatchApplyException;
import dev.ratchet.core.patch.PatchFormatException;
import dev.ratchet.core.patch.PatchSizeLimit;
import dev.ratchet.core.prompt.ExecutorPrompt;
import dev.ratchet.core.prompt.Prompt;
import dev.ratchet.core.prompt.TokenBudget;
import dev.ratchet.core.session.Session;
import dev.ratchet.models.ChatMessage;
import dev.ratchet.models.ChatRequest;
import dev.ratchet.models.ChatResult;
import dev.ratchet.models.ModelCallException;
import dev.ratchet.runtime.lifecycle.InstanceId;
import dev.ratchet.runtime.metrics.RatchetMetrics;
import dev.ratchet.runtime.model.ModelClients;
import dev.ratchet.runtime.redis.Blobs;
import dev.ratchet.runtime.redis.SessionReader;
import dev.ratchet.runtime.redis.IncompletePatchChainException;
import dev.ratchet.runtime.redis.PatchChain;
import dev.ratchet.workspace.GitException;
import dev.ratchet.workspace.OutputTooLargeException;
import dev.ratchet.workspace.Workspace;
import dev.ratchet.workspace.Workspaces;

/**
 * Carries out one attempt: materialise the step's starting state, ask the fast model for a patch within the token
 * budget, apply it, and describe the result as a unified diff. Anything that goes wrong becomes the attempt's
 * {@code error}, which the verifier turns into a rejection, so the planner can retry with the reason.
 */
@ApplicationScoped
public class StepExecutor {

    private final Workspaces workspaces;
    private final SessionReader sessions;
    private final PatchChain chain;
    private final Blobs blobs;
    private final ModelClients models;
    private final ExecutorConfig config;
    private final InstanceId instance;
    private final RatchetMetrics metrics;

    StepExecutor(Workspaces workspaces, SessionReader sessions, PatchChain chain, Blobs blobs, ModelClients models,
            ExecutorConfig config, InstanceId instance, RatchetMetrics metrics) {
        this.workspaces = workspaces;
        this.sessions = sessions;
        this.chain = chain;
        this.blobs = blobs;
        this.models = models;
        this.config = config;
        this.instance = instance;
        this.metrics = metrics;
    }

    /**
     * @param started when this executor began on the request (the end of the request's wait)
     * @throws RuntimeException when Redis cannot be read or written: the caller retries rather than spend an
     *         attempt on an outage
     */
    public StepExecuted execute(StepRequested request, Instant started) {
        StepWork work = request.payload().work();
        String model = models.config().executor().model();
        ChatResult answer = null;
        String patch = "";
        String error = null;
        Session session = sessions.find(request.sessionId())
                .orElseThrow(() -> new IllegalStateException("session " + request.sessionId() + " is gone"));
        try (Workspace ws = workspaces.lease(request.sessionId(), session.repo(), session.baseCommit(),
                chain.first(request.sessionId(), work.acceptedPatches()))) {
            Prompt prompt = ExecutorPrompt.build(work, session.checks(), request.payload().feedback(),
                    ws.trackedFiles(), ws::read,
                    ws.read("AGENTS.md").orElse(null), new TokenBudget(request.payload().contextBudgetTokens()));
            answer = models.executor().complete(new ChatRequest(List.of(ChatMessage.system(prompt.system()),
                    ChatMessage.user(prompt.user())), config.maxOutputTokens(), null, false));
            model = answer.model();
            PatchApplier.apply(ApplyPatch.parse(answer.content()), ws.tree());
            patch = ws.diff();
            if (patch.isBlank()) {
                error = "the patch changes nothing";
            } else {
                error = PatchSizeLimit.check(patch, config.maxPatchBytes()).orElse(null);
            }
        } catch (ModelCallException e) {
            error = e.getMessage();
        } catch (PatchFormatException e) {
            error = "the executor model's answer is not a valid apply_patch patch: " + e.getMessage();
        } catch (PatchApplyException | IllegalArgumentException e) {
            error = "the patch does not fit the files: " + e.getMessage();
        } catch (OutputTooLargeException e) {
            error = "the patch is larger than git's output limit, far over the " + config.maxPatchBytes()
                    + "-byte patch limit: " + e.getMessage() + ". Change less per step, or split the step";
        } catch (IncompletePatchChainException | GitException | UncheckedIOException e) {
            error = "the step's starting state cannot be prepared: " + e.getMessage();
        }
        Instant finished = Instant.now();
        Usage usage = usage(answer);
        metrics.stage("execute", Duration.between(started, finished));
        metrics.tokens("executor", usage.tokensIn(), usage.tokensOut());
        PatchStats stats = error == null ? DiffStats.of(patch) : PatchStats.EMPTY;
        Execution execution = new Execution(instance.value(), model, request.occurredAt(), started, finished, usage);
        BlobRef stored = error == null ? blobs.put(request.sessionId(), patch) : null;
        return StepExecuted.of(request, finished, new StepExecuted.Payload(work, stored, stats, execution, error));
    }

    private static Usage usage(ChatResult answer) {
        if (answer == null) {
            return Usage.NONE;
        }
        long modelMs = answer.totalMs();
        return new Usage(answer.usage().promptTokens(), answer.usage().completionTokens(), modelMs,
                answer.tokensPerSecond());
    }
}
