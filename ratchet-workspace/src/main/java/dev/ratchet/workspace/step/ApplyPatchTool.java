package dev.ratchet.workspace.step;

import java.io.UncheckedIOException;
import java.util.List;

import dev.ratchet.core.guardrail.GuardedApply;
import dev.ratchet.core.guardrail.GuardrailException;
import dev.ratchet.core.guardrail.Guardrails;
import dev.ratchet.core.guardrail.Violation;
import dev.ratchet.core.patch.ChangePlan;
import dev.ratchet.core.patch.ChangeSet;
import dev.ratchet.core.patch.DiskRepo;
import dev.ratchet.core.patch.Edits;
import dev.ratchet.core.patch.PatchApplyException;
import dev.ratchet.core.patch.PatchFormatException;
import dev.ratchet.models.Tool;

/**
 * {@code apply_patch}: an edit in any of the three formats ({@link Edits}), applied under the session's guardrails
 * ({@link GuardedApply}) to the workspace, never through a symlink ({@link DiskRepo}). A patch that is malformed,
 * does not fit the files or breaks a rule writes nothing and is answered with the precise reason (the line, the
 * hunk and the lines expected and found, or each rule broken), so the model can send a corrected one.
 */
final class ApplyPatchTool implements StepTool {

    static final String NAME = "apply_patch";

    private final DiskRepo repo;
    private final Guardrails guardrails;
    private final StepTotals totals;
    private int applied;

    ApplyPatchTool(DiskRepo repo, Guardrails guardrails) {
        this.repo = repo;
        this.guardrails = guardrails;
        this.totals = new StepTotals(guardrails);
    }

    @Override
    public Tool definition() {
        return new Tool(NAME, "Change files with a patch: the apply_patch envelope (*** Begin Patch ... *** End "
                + "Patch), a git unified diff, or SEARCH/REPLACE blocks. Nothing is written unless the whole patch "
                + "fits and keeps the guardrails.", """
                {"type": "object",
                 "properties": {"patch": {"type": "string", "description": "the whole patch"}},
                 "required": ["patch"],
                 "additionalProperties": false}""");
    }

    @Override
    public String call(ToolArguments arguments) throws ToolFailure {
        return apply(arguments.required("patch"));
    }

    /** Patches that were written so far in this step. */
    int applied() {
        return applied;
    }

    /**
     * Applies an edit, from a tool call or from an answer's text.
     *
     * @return what was written, one line per file
     * @throws ToolFailure naming why nothing was written
     */
    String apply(String patch) throws ToolFailure {
        try {
            ChangeSet changes = Edits.parse(patch);
            ChangePlan plan = GuardedApply.check(changes, repo, repo, guardrails);
            List<Violation> exceeded = totals.exceeded(plan.edits());
            if (!exceeded.isEmpty()) {
                throw new GuardrailException(exceeded);
            }
            plan.writeTo(repo);
            totals.add(plan.edits());
            applied++;
            return "applied:\n" + plan.summary();
        } catch (PatchFormatException e) {
            throw new ToolFailure("the patch is malformed; nothing was written: " + e.getMessage());
        } catch (PatchApplyException e) {
            throw new ToolFailure("the patch does not fit the files; nothing was written:\n" + e.getMessage());
        } catch (GuardrailException e) {
            throw new ToolFailure(e.getMessage());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new ToolFailure("the patch cannot be written: " + e.getMessage());
        }
    }
}
