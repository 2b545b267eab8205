package dev.ratchet.core.patch;

import static dev.ratchet.core.patch.AnswerLines.abbreviate;
import static dev.ratchet.core.patch.AnswerLines.error;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiFunction;

import dev.ratchet.core.patch.PatchOp.Hunk;

/** What the header lines of one file diff say: names, modes, new, deleted, renamed. */
final class DiffHeader {

    private String gitOld;
    private String gitNew;
    private String oldPath;
    private String newPath;
    private boolean created;
    private boolean deleted;
    private String renameFrom;
    private String renameTo;
    private FileMode oldMode;
    private FileMode newMode;

    /** The names of a {@code diff --git a/x b/x} line; ambiguous names are left to the other header lines. */
    void gitNames(String rest) {
        String[] names;
        if (rest.startsWith("\"")) {
            int close = closingQuote(rest);
            String second = rest.substring(Math.min(close + 1, rest.length())).strip();
            names = new String[] {unquote(rest.substring(0, close + 1)), second.startsWith("\"") ? unquote(second)
                    : second};
        } else {
            names = splitUnquoted(rest);
        }
        if (names != null) {
            gitOld = strip(names[0], "a/");
            gitNew = strip(names[1], "b/");
        }
    }

    /** Reads one extended header line ({@code new file mode}, {@code rename from} ...); false when it is none. */
    boolean extended(int at, String line) {
        if (line.startsWith("old mode ")) {
            oldMode = mode(at, line.substring(9));
        } else if (line.startsWith("new mode ")) {
            newMode = mode(at, line.substring(9));
        } else if (line.startsWith("deleted file mode ")) {
            deleted = true;
            oldMode = mode(at, line.substring(18));
        } else if (line.startsWith("new file mode ")) {
            created = true;
            newMode = mode(at, line.substring(14));
        } else if (line.startsWith("rename from ")) {
            renameFrom = unquoteIfQuoted(line.substring(12));
        } else if (line.startsWith("rename to ")) {
            renameTo = unquoteIfQuoted(line.substring(10));
        } else if (line.startsWith("copy from ") || line.startsWith("copy to ")) {
            throw error(at, "copies are not supported: add the new file with its whole content instead");
        } else if (UnifiedDiffParser.isBinary(line)) {
            throw error(at, "a binary patch for " + name() + ": binary files cannot be patched, only text files");
        } else {
            return line.startsWith("index ") || line.startsWith("similarity index ")
                    || line.startsWith("dissimilarity index ");
        }
        return true;
    }

    /** The {@code ---} and {@code +++} names. */
    void names(String minus, String plus) {
        oldPath = diffPath(minus, "a/");
        newPath = diffPath(plus, "b/");
        created |= oldPath == null;
        deleted |= newPath == null;
    }

    String name() {
        String name = newPath != null ? newPath : oldPath != null ? oldPath : gitNew != null ? gitNew : gitOld;
        return name == null ? "a file" : name;
    }

    PatchOp operation(int at, List<Hunk> hunks, BiFunction<List<Hunk>, List<Integer>, String> content,
            List<Integer> addedSources) {
        if (created && deleted) {
            throw error(at, "a diff cannot both create and delete a file");
        }
        if (created) {
            String path = require(at, newPath != null ? newPath : gitNew);
            return new PatchOp.AddFile(path, content.apply(hunks, addedSources),
                    newMode == null ? FileMode.REGULAR : newMode, at + 1);
        }
        if (deleted) {
            return new PatchOp.DeleteFile(require(at, oldPath != null ? oldPath : gitOld), at + 1);
        }
        String from = require(at, renameFrom != null ? renameFrom : oldPath != null ? oldPath : gitOld);
        String to = renameTo != null ? renameTo : newPath != null ? newPath : gitNew;
        if (renameFrom == null && to != null && !to.equals(from)) {
            throw error(at, "'--- a/" + from + "' and '+++ b/" + to + "' name different files; a rename needs "
                    + "'rename from " + from + "' and 'rename to " + to + "' lines");
        }
        String moveTo = renameTo != null && !renameTo.equals(from) ? renameTo : null;
        FileMode modeChange = newMode != null && newMode != oldMode ? newMode : null;
        if (hunks.isEmpty() && moveTo == null && modeChange == null) {
            throw error(at, "the diff of " + from + " changes nothing (no hunk, rename or mode change)");
        }
        return new PatchOp.UpdateFile(from, moveTo, List.copyOf(hunks), modeChange, at + 1);
    }

    private static String require(int at, String path) {
        if (path == null || path.isBlank()) {
            throw error(at, "cannot tell which file this diff is for: give it '--- a/<path>' and '+++ b/<path>' "
                    + "lines");
        }
        return path;
    }

    private static FileMode mode(int at, String octal) {
        return switch (octal.strip()) {
            case "100644", "100664" -> FileMode.REGULAR;
            case "100755" -> FileMode.EXECUTABLE;
            case "120000" -> FileMode.SYMLINK;
            case "160000" -> throw error(at, "a submodule (mode 160000) cannot be changed by a patch");
            default -> throw error(at, "unknown file mode " + abbreviate(octal.strip()));
        };
    }

    /** A {@code ---}/{@code +++} name: quoted or cut at a tab (timestamps), {@code /dev/null} is no file. */
    private static String diffPath(String raw, String prefix) {
        String name = raw.startsWith("\"") ? unquote(raw.substring(0, closingQuote(raw) + 1))
                : raw.split("\t", 2)[0].strip();
        return name.equals("/dev/null") ? null : strip(name, prefix);
    }

    private static String strip(String name, String prefix) {
        return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    }

    /** "a/x b/x": the same name twice, so the middle space is known even when the name holds spaces. */
    private static String[] splitUnquoted(String rest) {
        if (rest.length() % 2 == 1) {
            int half = rest.length() / 2;
            String a = rest.substring(0, half);
            String b = rest.substring(half + 1);
            if (rest.charAt(half) == ' ' && strip(a, "a/").equals(strip(b, "b/"))) {
                return new String[] {a, b};
            }
        }
        int split = rest.indexOf(" b/");
        return split < 0 ? null : new String[] {rest.substring(0, split), rest.substring(split + 1)};
    }

    private static String unquoteIfQuoted(String name) {
        return name.startsWith("\"") ? unquote(name.substring(0, closingQuote(name) + 1)) : name;
    }

    private static int closingQuote(String s) {
        for (int k = 1; k < s.length(); k++) {
            if (s.charAt(k) == '\\') {
                k++;
            } else if (s.charAt(k) == '"') {
                return k;
            }
        }
        return s.length() - 1;
    }

    /** Git's C-style quoting: backslash escapes and octal bytes of the UTF-8 name ({@code "t\303\251st"}). */
    static String unquote(String quoted) {
        String body = quoted.length() >= 2 && quoted.endsWith("\"") ? quoted.substring(1, quoted.length() - 1)
                : quoted.substring(1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int k = 0; k < body.length(); k++) {
            char c = body.charAt(k);
            if (c != '\\' || k + 1 >= body.length()) {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            char e = body.charAt(++k);
            if (e >= '0' && e <= '7' && k + 2 < body.length()) {
                bytes.write(Integer.parseInt(body.substring(k, k + 3), 8));
                k += 2;
            } else {
                bytes.write(switch (e) {
                    case 'a' -> 7;
                    case 'b' -> 8;
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'v' -> 11;
                    case 'f' -> 12;
                    case 'r' -> '\r';
                    default -> e;
                });
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
