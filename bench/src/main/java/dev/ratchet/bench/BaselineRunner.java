package dev.ratchet.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.event.StepWork;
import dev.ratchet.core.guardrail.Guardrails;
import dev.ratchet.core.plan.PlanParser;
import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.core.plan.PlannerPrompt;
import dev.ratchet.core.prompt.Prompt;
import dev.ratchet.core.prompt.TokenBudget;
import dev.ratchet.core.session.StepPolicy;
import dev.ratchet.models.ChatClient;
import dev.ratchet.models.ChatMessage;
import dev.ratchet.models.ChatRequest;
import dev.ratchet.models.ChatResult;
import dev.ratchet.models.ModelSettings;
import dev.ratchet.workspace.Git;
import dev.ratchet.workspace.Workspace;
import dev.ratchet.workspace.Workspaces;
import dev.ratchet.workspace.browser.BrowserChecks;
import dev.ratchet.workspace.sandbox.SandboxConfig;
import dev.ratchet.workspace.sandbox.SandboxRunner;
import dev.ratchet.workspace.step.StepLimits;
import dev.ratchet.workspace.step.StepOutcome;
import dev.ratchet.workspace.step.StepRunner;
import dev.ratchet.workspace.step.StepTask;
import dev.ratchet.workspace.verify.AttemptVerifier;
import dev.ratchet.workspace.verify.StagedChecks;

/**
 * The physical floor for the benchmark's work: the same sessions driven by a loop in one process, calling the same
 * simulated model and doing the same prompt building, patching, git work and checks with the same library code (an
 * executor's step is ratchet-workspace's {@link StepRunner} and a verdict its {@link AttemptVerifier}, as in the
 * services, checks in the same sandbox with a verification cache in memory) and the same concurrency as
 * the cluster (E executor slots, 4 verifier slots, 4 planning slots), with no Kafka, no Redis and no process
 * boundaries.
 */
public final class BaselineRunner {

    private static final int PLANNING_SLOTS = 4;
    private static final int VERIFIER_SLOTS = 4;
    private static final int STEP_CONTEXT_TOKENS = 8000;
    private static final int PLANNING_CONTEXT_TOKENS = 16000;
    private static final int MAX_STEPS = 20;

    private final ChatClient planner;
    private final SandboxRunner sandbox = new SandboxRunner(SandboxConfig.defaults());
    private final StepRunner steps;
    private final Workspaces executorClones;
    private final AttemptVerifier verifier;
    private final Semaphore planning = new Semaphore(PLANNING_SLOTS);
    private final Semaphore executing;
    private final Semaphore verifying = new Semaphore(VERIFIER_SLOTS);

    public BaselineRunner(URI modelBaseUrl, Path workDir, int executors) {
        this.planner = new ChatClient(settings("planner", modelBaseUrl, "gpt-5.4", Duration.ofSeconds(120)));
        this.steps = new StepRunner(new ChatClient(settings("executor", modelBaseUrl, "gpt-5.3-codex-spark",
                Duration.ofSeconds(60))), StepLimits.defaults(), sandbox::run);
        this.executorClones = new Workspaces(workDir.resolve("executor"), Duration.ofMinutes(30));
        this.verifier = new AttemptVerifier(new Workspaces(workDir.resolve("verifier"), Duration.ofMinutes(30)),
                new StagedChecks(sandbox, new BrowserChecks(sandbox, Optional.empty()), new MemoryCheckCache(), 4096,
                        "baseline"));
        this.executing = new Semaphore(executors);
    }

    public RunResult runAll(Profile profile, int sessions, Workload workload) {
        List<Path> repos = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            repos.add(workload.newRepository());
        }
        AtomicLong tokens = new AtomicLong();
        ExecutorService drivers = Executors.newFixedThreadPool(sessions);
        long start = System.currentTimeMillis();
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                int n = i;
                done.add(drivers.submit(() -> session(profile.goal(n), repos.get(n), tokens)));
            }
            int steps = 0;
            for (Future<Integer> f : done) {
                steps += f.get();
            }
            return new RunResult(System.currentTimeMillis() - start, sessions, sessions, steps, tokens.get());
        } catch (Exception e) {
            throw new IllegalStateException("baseline run failed: " + e.getMessage(), e);
        } finally {
            drivers.shutdownNow();
        }
    }

    private int session(String goal, Path repo, AtomicLong tokens) throws Exception {
        String id = UUID.randomUUID().toString();
        String base = Git.headCommit(repo);
        List<PlanStep> plan = plan(goal, repo, base);
        List<String> chain = new ArrayList<>();
        for (int k = 0; k < plan.size(); k++) {
            PlanStep step = plan.get(k);
            StepWork work = new StepWork(k, k, plan.size(), step.title(), step.instructions(), goal);
            String patch = execute(id, repo, base, work, chain, tokens);
            verify(id, repo, base, chain, patch);
            chain.add(patch);
        }
        return plan.size();
    }

    private List<PlanStep> plan(String goal, Path repo, String base) throws Exception {
        planning.acquire();
        try {
            Prompt prompt = PlannerPrompt.build(goal, List.of(Workload.NO_OP), Git.listFiles(repo, base),
                    Git.show(repo, base, "AGENTS.md").orElse(null), MAX_STEPS, new TokenBudget(PLANNING_CONTEXT_TOKENS));
            ChatResult answer = planner.complete(new ChatRequest(List.of(ChatMessage.system(prompt.system()),
                    ChatMessage.user(prompt.user())), null, null, true));
            return PlanParser.parse(answer.content(), MAX_STEPS);
        } finally {
            planning.release();
        }
    }

    /** The executor's own step logic ({@link StepRunner}), with the executor's default limits and policy. */
    private String execute(String id, Path repo, String base, StepWork work, List<String> chain, AtomicLong tokens)
            throws Exception {
        executing.acquire();
        try (Workspace ws = executorClones.lease(id, repo.toString(), base, chain)) {
            StepOutcome outcome = steps.run(ws, new StepTask(work, List.of(), List.of(Workload.NO_OP),
                    StepPolicy.DEFAULTS, "", List.of(), STEP_CONTEXT_TOKENS), () -> false);
            tokens.addAndGet(outcome.usage().tokensOut());
            if (outcome.error() != null) {
                throw new IllegalStateException("baseline step failed: " + outcome.error());
            }
            return outcome.patch();
        } finally {
            executing.release();
        }
    }

    /** The verifier's own decision ({@link AttemptVerifier}): review, git apply, the check in the sandbox. */
    private void verify(String id, Path repo, String base, List<String> chain, String patch) throws Exception {
        verifying.acquire();
        try {
            AttemptVerifier.Outcome outcome = verifier.verify(new AttemptVerifier.Request(id, repo.toString(), base,
                    chain, patch, Guardrails.DEFAULTS, List.of(Workload.NO_OP)), content -> BlobRef.of(id, content),
                    () -> false);
            if (!outcome.verified()) {
                throw new IllegalStateException("baseline step rejected at " + outcome.stage() + ": "
                        + outcome.reason());
            }
        } finally {
            verifying.release();
        }
    }

    private static ModelSettings settings(String role, URI url, String model, Duration timeout) {
        return new ModelSettings(role, url, model, Optional.empty(), timeout, 3, Duration.ofMillis(200),
                Duration.ofSeconds(5));
    }
}
