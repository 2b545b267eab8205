package dev.ratchet.core.patch;

import java.util.List;

/**
 * A well-formed patch that does not fit the files it names (missing file, hunk not found). The message is meant for
 * the model as a tool result: each problem names the file, the hunk and what was expected and found.
 */
public class PatchApplyException extends RuntimeException {

    private final List<String> problems;

    public PatchApplyException(String message) {
        this(List.of(message));
    }

    public PatchApplyException(List<String> problems) {
        super(String.join("\n\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
