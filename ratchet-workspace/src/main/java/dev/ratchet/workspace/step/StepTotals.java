package dev.ratchet.workspace.step;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.ratchet.core.guardrail.Guardrails;
import dev.ratchet.core.guardrail.Rule;
import dev.ratchet.core.guardrail.Violation;
import dev.ratchet.core.patch.FileEdit;

/**
 * The guardrails' size limits are per step, and a step may apply several patches: this adds up what the patches
 * applied so far changed, so that three patches of 300 lines do not pass a 400-line limit one by one. The sum is an
 * upper bound of the step's diff (a patch that undoes an earlier one counts twice); the verifier judges the diff
 * itself.
 */
final class StepTotals {

    private final Guardrails guardrails;
    private final Map<String, Integer> linesByFile = new HashMap<>();
    private int lines;
    private int newFiles;

    StepTotals(Guardrails guardrails) {
        this.guardrails = guardrails;
    }

    /** The limits that {@code edits}, on top of what the step already changed, would break. */
    List<Violation> exceeded(List<FileEdit> edits) {
        List<Violation> violations = new ArrayList<>();
        if (lines == 0 && newFiles == 0) {
            return violations;
        }
        int more = edits.stream().mapToInt(FileEdit::changedLines).sum();
        if (lines + more > guardrails.maxChangedLines()) {
            violations.add(new Violation(Rule.MAX_CHANGED_LINES, null, "this patch changes " + more + " lines and "
                    + "the step's earlier patches " + lines + ": " + (lines + more) + " in all, over the limit of "
                    + guardrails.maxChangedLines() + " for one step (guardrails.maxChangedLines); make a smaller "
                    + "change or split the step"));
        }
        for (FileEdit edit : edits) {
            int before = linesByFile.getOrDefault(edit.path(), 0);
            if (before > 0 && before + edit.changedLines() > guardrails.maxFileChangedLines()) {
                violations.add(new Violation(Rule.MAX_FILE_CHANGED_LINES, edit.path(), edit.path() + ": "
                        + (before + edit.changedLines()) + " changed lines in this step with the earlier patches, "
                        + "over the limit of " + guardrails.maxFileChangedLines() + " for one file "
                        + "(guardrails.maxFileChangedLines); change less of it in this step"));
            }
        }
        long added = edits.stream().filter(e -> e.kind() == FileEdit.Kind.ADD).count();
        if (newFiles + added > guardrails.maxNewFiles()) {
            violations.add(new Violation(Rule.MAX_NEW_FILES, null, "this patch adds " + added + " files and the "
                    + "step's earlier patches " + newFiles + ", over the limit of " + guardrails.maxNewFiles()
                    + " (guardrails.maxNewFiles); add fewer files or split the step"));
        }
        return violations;
    }

    void add(List<FileEdit> edits) {
        for (FileEdit edit : edits) {
            lines += edit.changedLines();
            linesByFile.merge(edit.path(), edit.changedLines(), Integer::sum);
            if (edit.kind() == FileEdit.Kind.ADD) {
                newFiles++;
            }
        }
    }
}
