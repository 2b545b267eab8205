package dev.ratchet.workspace.step;

import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.ratchet.core.guardrail.Glob;
import dev.ratchet.core.patch.PatchPaths;
import dev.ratchet.models.Tool;

/** {@code list_files}: the workspace's files (tracked or new), all, under a directory, or matching a glob; capped. */
final class ListFilesTool implements StepTool {

    static final String NAME = "list_files";
    /** A listing longer than this helps no model; it narrows the path instead. */
    static final int MAX_ENTRIES = 500;

    private final Supplier<List<String>> files;

    /** @param files the files the model may see, as they are now */
    ListFilesTool(Supplier<List<String>> files) {
        this.files = files;
    }

    @Override
    public Tool definition() {
        return new Tool(NAME, "List the repository's files: all of them, those under a directory, or those matching "
                + "a glob (* within a name, ** across directories). At most " + MAX_ENTRIES + " are listed.", """
                {"type": "object",
                 "properties": {
                   "path": {"type": "string", "description": "a directory, or a glob such as src/**/*.py"}},
                 "additionalProperties": false}""");
    }

    @Override
    public String call(ToolArguments arguments) throws ToolFailure {
        String path = arguments.optional("path");
        List<String> matching = files.get().stream().filter(filter(path)).toList();
        if (matching.isEmpty()) {
            return "no files" + (path == null ? "" : " match " + path);
        }
        StringBuilder out = new StringBuilder();
        matching.stream().limit(MAX_ENTRIES).forEach(f -> out.append(f).append('\n'));
        if (matching.size() > MAX_ENTRIES) {
            out.append("(").append(matching.size() - MAX_ENTRIES).append(" more: give a narrower path)\n");
        }
        return out.toString();
    }

    /** All files for no path; a glob when it has {@code * ? [}; else a directory (or one file) and what is under it. */
    static Predicate<String> filter(String path) throws ToolFailure {
        if (path == null || path.isBlank() || path.strip().equals(".")) {
            return f -> true;
        }
        if (path.chars().anyMatch(c -> c == '*' || c == '?' || c == '[')) {
            try {
                Glob glob = Glob.compile(path, false);
                return glob::matches;
            } catch (IllegalArgumentException e) {
                throw new ToolFailure("not a glob: " + e.getMessage());
            }
        }
        String dir = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (PatchPaths.problem(dir).isPresent()) {
            throw new ToolFailure(PatchPaths.problem(dir).get());
        }
        String normal = PatchPaths.normalise(dir);
        return f -> f.equals(normal) || f.startsWith(normal + "/");
    }
}
