package dev.ratchet.workspace.verify;

import dev.ratchet.core.guardrail.GuardedApply;
import dev.ratchet.core.guardrail.GuardrailException;
import dev.ratchet.core.guardrail.Guardrails;
import dev.ratchet.core.patch.DiskRepo;
import dev.ratchet.core.patch.Edits;
import dev.ratchet.core.patch.PatchApplyException;
import dev.ratchet.core.patch.PatchFormatException;
import dev.ratchet.workspace.Workspace;

/**
 * A person's candidate patch, written in any of the three edit formats, as the unified diff a model's attempt is
 * stored as: read with the core parsers, applied to the step's starting state under the session's guardrails
 * ({@link GuardedApply}: nothing is written when a rule is broken or a hunk does not fit), then read back with
 * {@code git diff}. The verifier then reviews and checks it like any other attempt.
 */
public final class CandidateNormaliser {

    private CandidateNormaliser() {
    }

    /**
     * @param workspace at the step's starting state; left changed (the next lease resets it)
     * @return the unified diff; empty when the patch changes nothing
     * @throws PatchFormatException when the text holds no edit in any format, naming the line
     * @throws GuardrailException naming every broken rule
     * @throws PatchApplyException when a hunk or operation does not fit the starting state
     */
    public static String toUnifiedDiff(Workspace workspace, String patch, Guardrails guardrails) {
        DiskRepo repo = workspace.tree();
        GuardedApply.apply(Edits.parse(patch), repo, repo, guardrails);
        return workspace.diff();
    }
}
