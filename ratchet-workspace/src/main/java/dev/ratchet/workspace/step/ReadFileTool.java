package dev.ratchet.workspace.step;

import dev.ratchet.core.prompt.RepoFile;
import dev.ratchet.models.Tool;

/**
 * {@code read_file}: a file of the workspace, whole or a range of lines. Forbidden paths, symlinks and anything
 * outside the repository are refused with the reason; a binary file or one over the read limit is answered with its
 * path, size and kind, never its content.
 */
final class ReadFileTool implements StepTool {

    static final String NAME = "read_file";

    private final RepoFiles files;

    ReadFileTool(RepoFiles files) {
        this.files = files;
    }

    @Override
    public Tool definition() {
        return new Tool(NAME, "Read a text file of the repository, or lines startLine..endLine of it (1-based, "
                + "inclusive). Binary files and files over the read limit are described, not shown.", """
                {"type": "object",
                 "properties": {
                   "path": {"type": "string", "description": "path relative to the repository root"},
                   "startLine": {"type": "integer", "minimum": 1},
                   "endLine": {"type": "integer", "minimum": 1}},
                 "required": ["path"],
                 "additionalProperties": false}""");
    }

    @Override
    public String call(ToolArguments arguments) throws ToolFailure {
        String path = arguments.required("path");
        int start = arguments.integer("startLine", 1, 1);
        int end = arguments.integer("endLine", 1, Integer.MAX_VALUE);
        if (end < start) {
            throw new ToolFailure("endLine " + end + " is before startLine " + start);
        }
        RepoFile file = files.file(path);
        if (file instanceof RepoFile.Refused refused) {
            throw new ToolFailure(refused.reason());
        }
        if (file instanceof RepoFile.Unread unread) {
            return unread.facts().describe(files.readLimit());
        }
        String[] lines = ((RepoFile.Text) file).content().split("\n", -1);
        int total = lines.length > 0 && lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
        if (total == 0) {
            return file.path() + " is empty";
        }
        if (start > total) {
            throw new ToolFailure(file.path() + " has " + total + " lines; startLine " + start + " is past the end");
        }
        int last = Math.min(end, total);
        StringBuilder out = new StringBuilder(file.path()).append(" (lines ").append(start).append('-').append(last)
                .append(" of ").append(total).append("):\n");
        for (int i = start - 1; i < last; i++) {
            out.append(lines[i]).append('\n');
        }
        return out.toString();
    }
}
