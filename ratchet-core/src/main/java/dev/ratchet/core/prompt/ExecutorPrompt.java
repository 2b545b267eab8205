package dev.ratchet.core.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.guardrail.Guardrails;

/**
 * The first request of a step to a fast executor model, within the step's token budget: the instructions (tools and
 * edit formats), the step, the session's steering notes, why earlier attempts were rejected, what the session
 * verified so far, the AGENTS.md that speaks for the step, the file listing, the files in the step's scope, and,
 * in what is left of half the budget, other files. The other half is left for the conversation that follows.
 */
public final class ExecutorPrompt {

    static final String SYSTEM = """
            You are a fast executor model in Ratchet. Carry out exactly one step of a plan in a git repository; a \
            verifier then runs the checks on your change and turns it down if any check fails.
            Change only what the step asks for. Keep every check passing; add or update tests when the step adds \
            behaviour.
            Tools: read_file, list_files and search look at the repository; apply_patch changes it (a patch that \
            does not fit, or breaks a guardrail, is refused with the reason and writes nothing: fix it and send it \
            again); run_check runs one of the session's checks by name. When the change is complete, answer with a \
            one-line summary and no tool call.
            Without tools, answer with one patch and nothing else. Write patches in the apply_patch format:
            *** Begin Patch
            *** Add File: <relative path>      (every following line starts with +)
            *** Delete File: <relative path>
            *** Update File: <relative path>
            @@ <optional line naming the class or function>
             <context line, starts with a space>
            -<removed line>
            +<added line>
            *** End Patch
            (a git unified diff or SEARCH/REPLACE blocks are read too). Show 3 lines of context around each change. \
            Paths are relative to the repository root.""";

    /** Other files are read for the prompt at most this often: a repository of large files must not be read whole. */
    static final int MAX_OTHER_READS = 100;

    private ExecutorPrompt() {
    }

    /**
     * @param reader what the executor may see of a path (never follows a symlink, never reads a large file whole)
     * @param reserved tokens of the request that are not messages (the tool definitions)
     * @param readLimit the size over which files are not read, for the notes about them
     */
    public static StepPrompt build(StepBrief brief, Function<String, RepoFile> reader, TokenBudget budget,
            int reserved, long readLimit) {
        int limit = budget.limit() - reserved;
        String head = head(brief, budget, limit);
        StepScope scope = StepScope.of(brief.work(), brief.feedback());
        List<String> ordered = scope.byRelevance(brief.files());
        int used = budget.count(SYSTEM) + budget.count(head);
        List<StepPrompt.FileBlock> inScope = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> omitted = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String path : ordered) {
            if (!scope.contains(path)) {
                rest.add(path);
                continue;
            }
            RepoFile file = reader.apply(path);
            if (file instanceof RepoFile.Text text) {
                StepPrompt.FileBlock block = StepPrompt.FileBlock.of(path, text.content());
                int cost = budget.countUpTo(block.text(), limit - used);
                if (used + cost <= limit) {
                    inScope.add(block);
                    used += cost;
                } else {
                    omitted.add(path);
                }
            } else if (file instanceof RepoFile.Unread unread) {
                notes.add(unread.facts().describe(readLimit));
            } else if (file instanceof RepoFile.Refused refused) {
                notes.add(path + ": " + refused.reason());
            }
        }
        List<StepPrompt.FileBlock> others = new ArrayList<>();
        int reads = 0;
        int notShown = 0;
        for (String path : rest) {
            if (used >= limit / 2 || reads++ >= MAX_OTHER_READS
                    || !(reader.apply(path) instanceof RepoFile.Text text)) {
                notShown++;
                continue;
            }
            StepPrompt.FileBlock block = StepPrompt.FileBlock.of(path, text.content());
            int cost = budget.countUpTo(block.text(), limit / 2 - used);
            if (used + cost <= limit / 2) {
                others.add(block);
                used += cost;
            } else {
                notShown++;
            }
        }
        return fitted(new StepPrompt(SYSTEM, head, inScope, others, notes, omitted, notShown), budget, limit);
    }

    /** Gives up other files, then the last files in scope, until the notes about what is not shown fit too. */
    private static StepPrompt fitted(StepPrompt prompt, TokenBudget budget, int limit) {
        StepPrompt p = prompt;
        while (budget.count(p.system()) + budget.count(p.user()) > limit
                && (!p.others().isEmpty() || !p.inScope().isEmpty())) {
            if (!p.others().isEmpty()) {
                p = new StepPrompt(p.system(), p.head(), p.inScope(), p.others().subList(0, p.others().size() - 1),
                        p.notes(), p.omitted(), p.othersNotShown() + 1);
            } else {
                List<String> omitted = new ArrayList<>(p.omitted());
                omitted.add(0, p.inScope().get(p.inScope().size() - 1).path());
                p = new StepPrompt(p.system(), p.head(), p.inScope().subList(0, p.inScope().size() - 1), p.others(),
                        p.notes(), omitted, p.othersNotShown());
            }
        }
        return p;
    }

    private static String head(StepBrief brief, TokenBudget budget, int limit) {
        StringBuilder head = new StringBuilder()
                .append("Goal of the session: ").append(brief.work().goal()).append("\n\n")
                .append("Step ").append(brief.work().stepIndex() + 1).append(" of ").append(brief.work().stepCount())
                .append(": ").append(brief.work().title()).append('\n')
                .append(brief.work().instructions()).append("\n\n")
                .append(brief.approach() == null ? "" : "Approach for this variant: " + brief.approach() + "\n\n")
                .append("Checks (the verifier runs them after the step; run_check runs one by name):\n");
        for (Check check : brief.checks()) {
            head.append("- ").append(check.name()).append(": `").append(check.command()).append("`\n");
        }
        head.append(guardrails(brief.guardrails())).append("\n\n");
        if (!brief.steeringNotes().isEmpty()) {
            head.append(budget.truncate("Steering notes from the team, newest last:\n- "
                    + String.join("\n- ", brief.steeringNotes()), limit / 8)).append("\n\n");
        }
        if (!brief.feedback().isEmpty()) {
            StringBuilder why = new StringBuilder();
            for (int i = 0; i < brief.feedback().size(); i++) {
                why.append("Previous attempt ").append(i + 1).append(" was rejected: ").append(brief.feedback().get(i))
                        .append('\n');
            }
            head.append(budget.truncate(why.toString(), limit / 4)).append('\n');
        }
        if (!brief.progress().isBlank()) {
            head.append(budget.truncate("Done so far (verified steps of this session):\n" + brief.progress(),
                    limit / 16)).append('\n');
        }
        if (brief.agentsMd() != null && !brief.agentsMd().isBlank()) {
            head.append("AGENTS.md (nearest to the step's files):\n")
                    .append(budget.truncate(brief.agentsMd(), limit / 8)).append("\n\n");
        }
        head.append("Files in the repository:\n")
                .append(budget.truncate(String.join("\n", brief.files()), limit / 8)).append("\n\n");
        return head.toString();
    }

    private static String guardrails(Guardrails g) {
        return "Guardrails: change only " + String.join(", ", g.allow())
                + (g.readOnly().isEmpty() ? "" : "; read-only: " + String.join(", ", g.readOnly()))
                + "; never read or change " + String.join(", ", g.forbid())
                + "; deleting files is " + (g.deletes() ? "allowed" : "not allowed")
                + "; at most " + g.maxChangedLines() + " changed lines in the step (" + g.maxFileChangedLines()
                + " per file) and " + g.maxNewFiles() + " new files; no symlinks, no binary files, no secrets.";
    }
}
