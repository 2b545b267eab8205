package dev.ratchet.core.patch;

/**
 * Applies an {@link ApplyPatch} to a {@link FileTree}, without guardrails: {@link ChangePlan#apply}, so a patch
 * with a hunk that does not fit writes nothing. Guarded callers use {@code dev.ratchet.core.guardrail.GuardedApply}.
 */
public final class PatchApplier {

    private PatchApplier() {
    }

    /** @throws PatchApplyException naming each operation or hunk that does not fit; nothing is written then */
    public static void apply(ApplyPatch patch, FileTree tree) {
        ChangePlan.apply(patch.changeSet(), tree);
    }
}
