package dev.ratchet.core.patch;

import java.util.ArrayList;
import java.util.List;

/**
 * The apply_patch envelope that Codex-family models are trained to write ({@code *** Begin Patch} ...
 * {@code *** End Patch}), as the executor has read it so far: {@link CodexPatchParser} (see there for the grammar
 * and every difference from the reference) plus the path check callers without guardrails rely on: absolute paths,
 * {@code ..} and {@code .git} are format errors naming the line. {@link Edits} reads all three formats.
 */
public record ApplyPatch(List<PatchOp> operations) {

    public ApplyPatch {
        operations = List.copyOf(operations);
    }

    public static ApplyPatch parse(String answer) {
        List<PatchOp> ops = new ArrayList<>();
        for (PatchOp op : CodexPatchParser.parse(answer).operations()) {
            String path = PatchPaths.checkRelative(op.path(), op.line());
            if (op instanceof PatchOp.AddFile add) {
                ops.add(new PatchOp.AddFile(path, add.content(), add.mode(), add.line()));
            } else if (op instanceof PatchOp.DeleteFile delete) {
                ops.add(new PatchOp.DeleteFile(path, delete.line()));
            } else if (op instanceof PatchOp.UpdateFile update) {
                String moveTo = update.moveTo() == null ? null
                        : PatchPaths.checkRelative(update.moveTo(), update.line() + 1);
                ops.add(new PatchOp.UpdateFile(path, moveTo, update.hunks(), update.newMode(), update.line()));
            }
        }
        return new ApplyPatch(ops);
    }

    public ChangeSet changeSet() {
        return new ChangeSet(EditFormat.APPLY_PATCH, operations);
    }
}
