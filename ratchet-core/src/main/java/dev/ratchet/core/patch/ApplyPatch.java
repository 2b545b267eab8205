package dev.ratchet.core.patch;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parser for the apply_patch envelope that Codex-family models are trained to write
 * ({@code *** Begin Patch} ... {@code *** End Patch}). Models wrap it in prose or code fences; only the envelope is
 * read.
 */
public record ApplyPatch(List<PatchOp> operations) {

    private static final String BEGIN = "*** Begin Patch";
    private static final String END = "*** End Patch";
    private static final String ADD = "*** Add File: ";
    private static final String DELETE = "*** Delete File: ";
    private static final String UPDATE = "*** Update File: ";
    private static final String MOVE = "*** Move to: ";
    private static final String END_OF_FILE = "*** End of File";
    private static final Pattern ENVELOPE = Pattern.compile(Pattern.quote(BEGIN) + "\\s*\\R(.*?)^\\s*"
            + Pattern.quote(END) + "\\s*$", Pattern.DOTALL | Pattern.MULTILINE);

    public static ApplyPatch parse(String answer) {
        if (answer == null) {
            throw new PatchFormatException("no answer");
        }
        Matcher m = ENVELOPE.matcher(answer);
        if (!m.find()) {
            throw new PatchFormatException("no '" + BEGIN + "' ... '" + END + "' envelope in the answer");
        }
        List<String> lines = List.of(m.group(1).split("\\R", -1));
        List<PatchOp> ops = new Parser(lines).parse();
        if (ops.isEmpty()) {
            throw new PatchFormatException("the patch has no file operations");
        }
        return new ApplyPatch(List.copyOf(ops));
    }

    private static final class Parser {
        private final List<String> lines;
        private int i;

        Parser(List<String> lines) {
            this.lines = lines;
        }

        List<PatchOp> parse() {
            List<PatchOp> ops = new ArrayList<>();
            while (i < lines.size()) {
                String line = lines.get(i);
                if (line.isBlank() || isComment(line)) {
                    i++;
                } else if (line.startsWith(ADD)) {
                    ops.add(add(path(line, ADD)));
                } else if (line.startsWith(DELETE)) {
                    i++;
                    ops.add(new PatchOp.DeleteFile(path(line, DELETE)));
                } else if (line.startsWith(UPDATE)) {
                    ops.add(update(path(line, UPDATE)));
                } else {
                    throw new PatchFormatException("line " + (i + 1) + ": expected a file header (*** Add File:, "
                            + "*** Delete File: or *** Update File:), found: " + abbreviate(line));
                }
            }
            return ops;
        }

        private PatchOp add(String path) {
            i++;
            StringBuilder content = new StringBuilder();
            while (i < lines.size() && !lines.get(i).startsWith("*** ")) {
                String line = lines.get(i);
                if (line.startsWith("+")) {
                    content.append(line, 1, line.length()).append('\n');
                } else if (!line.isEmpty() && !isComment(line)) {
                    throw new PatchFormatException("line " + (i + 1) + ": every line of an added file starts with '+'"
                            + ", found: " + abbreviate(line));
                }
                i++;
            }
            return new PatchOp.AddFile(path, content.toString());
        }

        private PatchOp update(String path) {
            i++;
            String moveTo = null;
            if (i < lines.size() && lines.get(i).startsWith(MOVE)) {
                moveTo = path(lines.get(i), MOVE);
                i++;
            }
            List<PatchOp.Hunk> hunks = new ArrayList<>();
            while (true) {
                while (i < lines.size() && lines.get(i).isBlank()) {
                    i++;
                }
                if (i >= lines.size() || isFileHeader(lines.get(i))) {
                    break;
                }
                hunks.add(hunk(path));
            }
            if (hunks.isEmpty() && moveTo == null) {
                throw new PatchFormatException("*** Update File: " + path + " has no hunks");
            }
            return new PatchOp.UpdateFile(path, moveTo, List.copyOf(hunks));
        }

        private PatchOp.Hunk hunk(String path) {
            List<String> anchors = new ArrayList<>();
            while (i < lines.size() && lines.get(i).startsWith("@@")) {
                String anchor = lines.get(i).substring(2).trim();
                if (!anchor.isEmpty()) {
                    anchors.add(anchor);
                }
                i++;
            }
            List<String> oldLines = new ArrayList<>();
            List<String> newLines = new ArrayList<>();
            boolean endOfFile = false;
            boolean changed = false;
            while (i < lines.size() && !lines.get(i).startsWith("@@") && !isFileHeader(lines.get(i))) {
                String line = lines.get(i++);
                if (line.equals(END_OF_FILE)) {
                    endOfFile = true;
                    break;
                }
                if (isComment(line)) {
                    continue;
                }
                char kind = line.isEmpty() ? ' ' : line.charAt(0);
                String text = line.isEmpty() ? "" : line.substring(1);
                switch (kind) {
                    case ' ' -> {
                        oldLines.add(text);
                        newLines.add(text);
                    }
                    case '-' -> {
                        oldLines.add(text);
                        changed = true;
                    }
                    case '+' -> {
                        newLines.add(text);
                        changed = true;
                    }
                    default -> throw new PatchFormatException("line " + i + " in " + path
                            + ": hunk lines start with ' ', '-' or '+', found: " + abbreviate(line));
                }
            }
            trimTrailingBlankContext(oldLines, newLines);
            if (!changed) {
                throw new PatchFormatException("a hunk of " + path + " changes nothing");
            }
            return new PatchOp.Hunk(List.copyOf(anchors), List.copyOf(oldLines), List.copyOf(newLines), endOfFile);
        }

        /** A blank line between hunks or before the next header is spacing, not an empty context line. */
        private static void trimTrailingBlankContext(List<String> oldLines, List<String> newLines) {
            while (!oldLines.isEmpty() && !newLines.isEmpty() && oldLines.get(oldLines.size() - 1).isEmpty()
                    && newLines.get(newLines.size() - 1).isEmpty()) {
                oldLines.remove(oldLines.size() - 1);
                newLines.remove(newLines.size() - 1);
            }
        }

        private static boolean isFileHeader(String line) {
            return line.startsWith(ADD) || line.startsWith(DELETE) || line.startsWith(UPDATE);
        }

        /** Models copy stray HTML comments from their instructions into patches; they are never file content. */
        private static boolean isComment(String line) {
            return line.startsWith("<!--") && line.endsWith("-->");
        }

        private String path(String line, String prefix) {
            String path = line.substring(prefix.length()).trim();
            return PatchPaths.checkRelative(path, i + 1);
        }
    }

    static String abbreviate(String line) {
        return line.length() > 80 ? line.substring(0, 77) + "..." : line;
    }
}
