package dev.ratchet.core.patch;

import java.util.ArrayList;
import java.util.List;

/** What an edit asks for, in any of the three formats: file operations applied one after another. */
public record ChangeSet(EditFormat format, List<PatchOp> operations) {

    public ChangeSet {
        operations = List.copyOf(operations);
    }

    /** The same operations with every path in its normal form; the paths must have passed {@link PatchPaths#problem}. */
    public ChangeSet normalised() {
        List<PatchOp> ops = new ArrayList<>(operations.size());
        for (PatchOp op : operations) {
            if (op instanceof PatchOp.AddFile a) {
                ops.add(new PatchOp.AddFile(PatchPaths.normalise(a.path()), a.content(), a.mode(), a.line()));
            } else if (op instanceof PatchOp.DeleteFile d) {
                ops.add(new PatchOp.DeleteFile(PatchPaths.normalise(d.path()), d.line()));
            } else if (op instanceof PatchOp.UpdateFile u) {
                ops.add(new PatchOp.UpdateFile(PatchPaths.normalise(u.path()),
                        u.moveTo() == null ? null : PatchPaths.normalise(u.moveTo()), u.hunks(), u.newMode(),
                        u.line()));
            }
        }
        return new ChangeSet(format, ops);
    }

    /** Every path the change set touches as written: each operation's path and, for a rename, its destination. */
    public List<String> touchedPaths() {
        List<String> paths = new ArrayList<>();
        for (PatchOp op : operations) {
            paths.add(op.path());
            if (op instanceof PatchOp.UpdateFile u && u.moveTo() != null) {
                paths.add(u.moveTo());
            }
        }
        return paths;
    }
}
