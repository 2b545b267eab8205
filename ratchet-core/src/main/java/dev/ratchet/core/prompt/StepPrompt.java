package dev.ratchet.core.prompt;

import java.util.ArrayList;
import java.util.List;

/**
 * The first two messages of a step's conversation: the system message and the user message, built from the step's
 * text ({@code head}), the files in scope and, at the lowest priority, other files. When the conversation grows
 * past the budget, the other files are the first part of the prompt given up ({@link #user(int)}).
 *
 * @param inScope the files the step mentions, shown whole
 * @param others further files shown whole while the prompt stays within half the budget, most relevant first
 * @param notes lines about files in scope that are not shown (facts of binary or large files, refusals)
 * @param omitted files in scope that did not fit the budget
 * @param othersNotShown how many further files were not shown at all
 */
public record StepPrompt(String system, String head, List<FileBlock> inScope, List<FileBlock> others,
        List<String> notes, List<String> omitted, int othersNotShown) {

    /** One file as the prompt shows it: {@code === path ===} and its text. */
    public record FileBlock(String path, String text) {

        static FileBlock of(String path, String content) {
            return new FileBlock(path, "=== " + path + " ===\n" + content + (content.endsWith("\n") ? "" : "\n"));
        }
    }

    public StepPrompt {
        inScope = List.copyOf(inScope);
        others = List.copyOf(others);
        notes = List.copyOf(notes);
        omitted = List.copyOf(omitted);
    }

    /** The user message with every file the prompt holds. */
    public String user() {
        return user(others.size());
    }

    /** The user message with only the first {@code othersKept} of the other files; the rest are named as not shown. */
    public String user(int othersKept) {
        StringBuilder user = new StringBuilder(head);
        inScope.forEach(block -> user.append(block.text()));
        List<String> dropped = new ArrayList<>();
        for (int i = 0; i < others.size(); i++) {
            if (i < othersKept) {
                user.append(others.get(i).text());
            } else {
                dropped.add(others.get(i).path());
            }
        }
        for (String note : notes) {
            user.append("(").append(note).append(")\n");
        }
        if (!omitted.isEmpty()) {
            user.append("(Not shown to fit the token budget: ").append(String.join(", ", omitted))
                    .append("; read them with read_file, a line range at a time)\n");
        }
        int notShown = othersNotShown + dropped.size();
        if (notShown > 0) {
            user.append("(").append(notShown).append(notShown == 1 ? " other file is" : " other files are")
                    .append(" not shown: read_file, list_files and search reach them)\n");
        }
        return user.toString();
    }
}
