package dev.ratchet.workspace.step;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.ContextUse;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.patch.DiskRepo;
import dev.ratchet.core.patch.PatchSizeLimit;
import dev.ratchet.core.prompt.AgentsMd;
import dev.ratchet.core.prompt.ContextBudget;
import dev.ratchet.core.prompt.ExecutorPrompt;
import dev.ratchet.core.prompt.RepoFile;
import dev.ratchet.core.prompt.StepBrief;
import dev.ratchet.core.prompt.StepPrompt;
import dev.ratchet.core.prompt.StepScope;
import dev.ratchet.core.prompt.TokenBudget;
import dev.ratchet.core.timing.PhaseClock;
import dev.ratchet.models.ChatClient;
import dev.ratchet.workspace.GitException;
import dev.ratchet.workspace.OutputTooLargeException;
import dev.ratchet.workspace.Workspace;
import dev.ratchet.workspace.sandbox.SandboxResult;

/**
 * Carries out one attempt of a step in a workspace already at the step's starting state: the prompt within the
 * step's budget, the model's turns with the five tools ({@code read_file}, {@code list_files}, {@code search},
 * {@code apply_patch}, {@code run_check}), then the workspace's diff, checked against the patch size limit. The
 * executor service and the benchmark's in-process baseline both run steps through this class, so the two cannot
 * drift apart. Anything that goes wrong becomes the outcome's {@code error}; nothing is thrown for a step's failure.
 */
public final class StepRunner {

    private final ChatClient model;
    private final StepLimits limits;
    private final BiFunction<Check, Path, SandboxResult> sandbox;

    /** @param sandbox runs a declared check on a copy of a directory ({@code SandboxRunner::run}) */
    public StepRunner(ChatClient model, StepLimits limits, BiFunction<Check, Path, SandboxResult> sandbox) {
        this.model = model;
        this.limits = limits;
        this.sandbox = sandbox;
    }

    /** @param stopped true once the attempt must end early (its lease was lost, the service stops) */
    public StepOutcome run(Workspace ws, StepTask task, BooleanSupplier stopped) {
        Instant deadline = Instant.now().plus(limits.attemptTimeout());
        ContextBudget budget = limits.budget(task.contextBudgetTokens());
        TokenBudget counter = new TokenBudget(budget.budgetTokens());
        UsageTotals usage = new UsageTotals();
        ToolLoop.Ending ending;
        try {
            DiskRepo repo = ws.tree();
            RepoFiles files = new RepoFiles(repo, task.policy().guardrails(), limits.maxReadBytes());
            List<String> visible = files.visible(ws.files());
            ApplyPatchTool patches = new ApplyPatchTool(repo, task.policy().guardrails());
            StepTools tools = new StepTools(List.of(new ReadFileTool(files),
                    new ListFilesTool(() -> files.visible(ws.files())),
                    new SearchTool(() -> files.visible(ws.files()), files, SearchTool.DEADLINE), patches,
                    new RunCheckTool(task.checks(), ws.dir(), sandbox, deadline)), counter,
                    limits.maxToolResultTokens(budget.budgetTokens()));
            int toolTokens = tools.definitionTokens();
            StepPrompt prompt = ExecutorPrompt.build(brief(task, visible, files), files::file, counter, toolTokens,
                    limits.maxReadBytes());
            PhaseClock.lap("context");
            ending = new ToolLoop(model, tools, patches, new Conversation(prompt, counter, toolTokens), limits,
                    task.policy().maxTurns(), deadline, stopped, usage, counter, task.sampling()).run();
        } catch (GitException | UncheckedIOException e) {
            return new StepOutcome(null, "the step's workspace could not be read: " + e.getMessage(), null,
                    usage.usage(), null);
        }
        ContextUse context = new ContextUse(ending.peakTokens(), budget.budgetTokens(), budget.windowTokens(),
                budget.percentOfWindow(ending.peakTokens()), ending.turns());
        if (ending.error() != null) {
            return new StepOutcome(null, ending.error(), ending.model(), usage.usage(), context);
        }
        StepOutcome outcome = withDiff(ws, ending.model(), usage.usage(), context);
        PhaseClock.lap("diff");
        return outcome;
    }

    /** The workspace's diff as the attempt's patch, unless it is empty or over the size limit. */
    private StepOutcome withDiff(Workspace ws, String answeredBy, Usage usage, ContextUse context) {
        String patch = null;
        String error;
        try {
            patch = ws.diff();
            error = patch.isBlank() ? "the patch changes nothing"
                    : PatchSizeLimit.check(patch, limits.maxPatchBytes()).orElse(null);
        } catch (OutputTooLargeException e) {
            error = "the patch is larger than git's output limit, far over the " + limits.maxPatchBytes()
                    + "-byte patch limit: " + e.getMessage() + ". Change less per step, or split the step";
        } catch (GitException e) {
            error = "the step's diff could not be made: " + e.getMessage();
        }
        return new StepOutcome(error == null ? patch : null, error, answeredBy, usage, context);
    }

    private static StepBrief brief(StepTask task, List<String> visible, RepoFiles files) {
        StepScope scope = StepScope.of(task.work(), task.feedback());
        Map<String, String> agents = new LinkedHashMap<>();
        for (String path : AgentsMd.nearest(visible, scope.of(visible))) {
            if (files.file(path) instanceof RepoFile.Text text) {
                agents.put(path, text.content());
            }
        }
        return new StepBrief(task.work(), task.checks(), task.feedback(), task.steeringNotes(),
                task.policy().guardrails(), task.progress(), agents.isEmpty() ? null : AgentsMd.compose(agents),
                visible, task.sampling() == null ? null : task.sampling().approach());
    }
}
