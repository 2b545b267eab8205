package dev.ratchet.core.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ratchet.core.prompt.TokenBudget;

/**
 * The repository map of the planning prompt: the tree of files, and under each Java, Python, JavaScript/TypeScript or
 * Go file its top-level declarations (types and functions, with their parameters), within a token budget; other files
 * appear in the tree alone. Declarations are found line by line with regular expressions, not a parser: a
 * declaration split over lines shows its first line, one inside a string or a comment block may show up, and Java
 * members count when they are public or protected and indented one level (4 spaces or a tab) inside a top-level
 * type. Good enough for a planner to know where things are; the executor reads the files themselves.
 */
public final class RepoMap {

    /** Source files read for declarations: a large repository's map is cut by the budget long before 400 files. */
    public static final int MAX_SOURCE_FILES = 400;
    /** A declaration line is cut here: a signature, not a body. */
    static final int MAX_DECLARATION_CHARS = 120;
    /** Declarations shown per file: a file with more is a list the planner cannot use anyway. */
    static final int MAX_DECLARATIONS = 40;

    private enum Language {
        JAVA(List.of(
                Pattern.compile("^(?:(?:public|protected|private|abstract|final|static|sealed|non-sealed|strictfp)\\s+)*"
                        + "(?:class|interface|enum|record|@interface)\\s+\\w+.*"),
                Pattern.compile("^(?:    |\\t)(?:public|protected)\\s+(?!class|interface|enum|record)"
                        + "[\\w<>\\[\\],.? ]+\\s+\\w+\\s*\\(.*"))),
        PYTHON(List.of(Pattern.compile("^(?:async\\s+)?def\\s+\\w+\\s*\\(.*"),
                Pattern.compile("^class\\s+\\w+.*"))),
        SCRIPT(List.of(Pattern.compile("^export\\s+(?:default\\s+)?(?:declare\\s+)?(?:async\\s+)?(?:function\\*?|class"
                        + "|const|let|var|interface|type|enum|abstract\\s+class)\\s+\\w+.*"),
                Pattern.compile("^(?:async\\s+)?function\\*?\\s+\\w+\\s*\\(.*"),
                Pattern.compile("^(?:abstract\\s+)?class\\s+\\w+.*"),
                Pattern.compile("^(?:interface|type|enum)\\s+\\w+.*"))),
        GO(List.of(Pattern.compile("^func\\s+(?:\\([^)]*\\)\\s*)?\\w+\\s*[\\[(].*"),
                Pattern.compile("^type\\s+\\w+\\s+.*")));

        private final List<Pattern> declarations;

        Language(List<Pattern> declarations) {
            this.declarations = declarations;
        }

        static Optional<Language> of(String path) {
            String name = path.toLowerCase(Locale.ROOT);
            if (name.endsWith(".java")) {
                return Optional.of(JAVA);
            }
            if (name.endsWith(".py")) {
                return Optional.of(PYTHON);
            }
            if (name.matches(".*\\.(?:js|jsx|mjs|cjs|ts|tsx|mts|cts)$")) {
                return Optional.of(SCRIPT);
            }
            return name.endsWith(".go") ? Optional.of(GO) : Optional.empty();
        }
    }

    /** Where a body starts: Python's closing colon; elsewhere the last brace of the line, if nothing closes it. */
    private static final Pattern PYTHON_BODY = Pattern.compile("\\s*:\\s*(?:#.*)?$");
    private static final Pattern BRACE_BODY = Pattern.compile("\\s*\\{[^{}]*$");

    private RepoMap() {
    }

    /** Whether the map reads {@code path} for declarations (so a caller need not read any other file). */
    public static boolean readsSource(String path) {
        return Language.of(path).isPresent();
    }

    /**
     * @param files    the repository's files, as {@code git ls-tree} lists them
     * @param source   a file's text, or empty when it cannot or should not be read (too large, binary); asked for at
     *                 most {@link #MAX_SOURCE_FILES} files, only those {@link #readsSource} names
     * @param maxTokens the map's budget; what does not fit is cut with a note
     */
    public static String render(List<String> files, Function<String, Optional<String>> source, TokenBudget budget,
            int maxTokens) {
        StringBuilder map = new StringBuilder();
        List<String> openDirs = new ArrayList<>();
        int read = 0;
        for (String path : files.stream().sorted().toList()) {
            String[] parts = path.split("/");
            int common = 0;
            while (common < openDirs.size() && common < parts.length - 1 && openDirs.get(common).equals(parts[common])) {
                common++;
            }
            openDirs.subList(common, openDirs.size()).clear();
            for (int d = common; d < parts.length - 1; d++) {
                map.append("  ".repeat(d)).append(parts[d]).append("/\n");
                openDirs.add(parts[d]);
            }
            String indent = "  ".repeat(parts.length - 1);
            map.append(indent).append(parts[parts.length - 1]).append('\n');
            Optional<Language> language = Language.of(path);
            if (language.isPresent() && read < MAX_SOURCE_FILES) {
                read++;
                source.apply(path).ifPresent(text -> declarations(language.get(), text)
                        .forEach(d -> map.append(indent).append("  | ").append(d).append('\n')));
            }
            if (budget.count(map.toString()) > maxTokens * 2L) {
                break; // far over: no need to read the rest only to cut it
            }
        }
        return budget.truncate(map.toString(), maxTokens);
    }

    /** The declarations {@code language}'s patterns find in {@code text}, in order, each cut before its body. */
    private static List<String> declarations(Language language, String text) {
        List<String> found = new ArrayList<>();
        for (String line : text.lines().toList()) {
            for (Pattern p : language.declarations) {
                Matcher m = p.matcher(line);
                if (m.matches()) {
                    String declaration = (language == Language.PYTHON ? PYTHON_BODY : BRACE_BODY)
                            .matcher(line.strip()).replaceFirst("");
                    found.add(declaration.length() > MAX_DECLARATION_CHARS
                            ? declaration.substring(0, MAX_DECLARATION_CHARS) + "..." : declaration);
                    break;
                }
            }
            if (found.size() == MAX_DECLARATIONS) {
                found.add("...");
                break;
            }
        }
        return found;
    }
}
