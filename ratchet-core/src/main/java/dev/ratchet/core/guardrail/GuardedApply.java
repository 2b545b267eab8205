package dev.ratchet.core.guardrail;

import java.util.List;

import dev.ratchet.core.patch.ChangePlan;
import dev.ratchet.core.patch.ChangeSet;
import dev.ratchet.core.patch.FileTree;
import dev.ratchet.core.patch.PatchApplyException;
import dev.ratchet.core.patch.RepoView;

/**
 * Applies a change set under guardrails, validating everything before writing anything: the path rules first
 * (nothing is read through a path that breaks them), then every hunk is matched, then the content rules; only when
 * all pass is the tree written. The verifier's review stage uses {@link #check}, which stops before writing.
 */
public final class GuardedApply {

    private GuardedApply() {
    }

    /**
     * @throws GuardrailException naming every rule the change set breaks; nothing is written
     * @throws PatchApplyException when a hunk or operation does not fit the files; nothing is written
     */
    public static ChangePlan apply(ChangeSet changes, FileTree tree, RepoView view, Guardrails guardrails) {
        ChangePlan plan = check(changes, tree, view, guardrails);
        plan.writeTo(tree);
        return plan;
    }

    /** Everything {@link #apply} checks, without writing. */
    public static ChangePlan check(ChangeSet changes, FileTree tree, RepoView view, Guardrails guardrails) {
        GuardrailCheck check = new GuardrailCheck(guardrails);
        List<Violation> violations = check.paths(changes, view);
        if (!violations.isEmpty()) {
            throw new GuardrailException(violations);
        }
        ChangePlan plan = ChangePlan.prepare(changes.normalised(), tree, view);
        violations = check.content(plan.edits());
        if (!violations.isEmpty()) {
            throw new GuardrailException(violations);
        }
        return plan;
    }
}
