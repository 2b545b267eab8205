package dev.ratchet.core.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ratchet.core.event.Check;

/**
 * The test command a repository's AGENTS.md documents, read conservatively: at most one check, the first command
 * that is clearly how to run the tests. Candidates, in file order: the one inline code span of a list item or table
 * row whose own words mention tests ({@code - Run the tests: `python3 -m unittest`}), and the lines of a shell code
 * block in a section whose heading mentions tests. A candidate is taken only when it names a test runner
 * ({@code test}, {@code unittest}, {@code pytest}, {@code jest}, {@code vitest}, {@code check}, {@code verify} as a
 * word), is not a path ({@code test/} in a table of modules), holds no placeholder ({@code <project_name>}), and
 * neither installs, fetches, escalates nor watches
 * ({@code install}, {@code curl}, {@code sudo}, {@code docker}, {@code --watch}...): checks run offline, unprivileged
 * and must end. Anything less clear is left alone: a session without checks is refused with a message saying how to
 * declare them in VERIFY.md.
 */
public final class AgentsMd {

    public static final String FILE = "AGENTS.md";
    public static final String CHECK_NAME = "agents-md-tests";

    private static final Pattern MENTIONS_TESTS = Pattern.compile("(?i)(?<![a-z])test(s|ing)?(?![a-z])");
    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*([-*+]|\\d+[.)])\\s+.*");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\s*\\|.*");
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");
    private static final Pattern RUNNER = Pattern.compile(
            "(?i)(?<![a-z])(test|tests|unittest|pytest|jest|vitest|check|verify)(?![a-z])");
    private static final Pattern PLACEHOLDER = Pattern.compile("<[A-Za-z_][A-Za-z0-9_ .-]*>");
    private static final Pattern UNSAFE = Pattern.compile("(?i)(?<![a-z-])(install|sudo|su|curl|wget|apt|apt-get|brew"
            + "|docker|podman|kubectl|helm|ssh|scp|git\\s+push|npm\\s+ci)(?![a-z-])|--watch|-DskipTests");
    /** A path such as {@code test/} in a table of modules, not a command (a script is {@code ./name}). */
    private static final Pattern PATH = Pattern.compile("^(?!\\./)[^\\s/]*/\\S*(\\s|$)|/$");
    private static final Set<String> SHELL_INFO = Set.of("", "sh", "bash", "shell", "console", "zsh",
            "shell-session");

    private AgentsMd() {
    }

    /** The test command as a check of the test stage, run after every step; empty when AGENTS.md names none clearly. */
    public static Optional<Check> testCheck(String text) {
        if (text.length() > VerifyMd.MAX_CHARS) {
            return Optional.empty();
        }
        return candidates(Markdown.parse(text)).stream().filter(AgentsMd::acceptable).findFirst()
                .map(command -> new Check(CHECK_NAME, command, CheckSpec.DEFAULT_TIMEOUT_SECONDS));
    }

    private static List<String> candidates(Markdown.Document doc) {
        record At(int line, String command) {
        }
        List<At> found = new ArrayList<>();
        for (Markdown.Line line : doc.lines()) {
            String text = line.text();
            if (!LIST_ITEM.matcher(text).matches() && !TABLE_ROW.matcher(text).matches()) {
                continue;
            }
            Matcher spans = CODE_SPAN.matcher(text);
            List<String> code = new ArrayList<>();
            while (spans.find()) {
                code.add(spans.group(1).strip());
            }
            if (code.size() == 1 && MENTIONS_TESTS.matcher(CODE_SPAN.matcher(text).replaceAll(" ")).find()) {
                found.add(new At(line.line(), code.get(0)));
            }
        }
        for (Markdown.Fence fence : doc.fences()) {
            if (!SHELL_INFO.contains(fence.info()) || !MENTIONS_TESTS.matcher(fence.heading()).find()) {
                continue;
            }
            for (int i = 0; i < fence.lines().size(); i++) {
                String command = fence.lines().get(i).strip();
                command = command.startsWith("$ ") ? command.substring(2).strip() : command;
                if (!command.isEmpty() && !command.startsWith("#")) {
                    found.add(new At(fence.line() + 1 + i, command));
                }
            }
        }
        return found.stream().sorted((a, b) -> Integer.compare(a.line(), b.line())).map(At::command).toList();
    }

    private static boolean acceptable(String command) {
        return command.length() <= 4096 && RUNNER.matcher(command).find() && !PLACEHOLDER.matcher(command).find()
                && !UNSAFE.matcher(command).find() && !PATH.matcher(command).find();
    }
}
