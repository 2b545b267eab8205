package dev.ratchet.core.skill.capture;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ratchet.core.event.SessionCompleted;
import dev.ratchet.core.skill.template.Placeholders;

/**
 * The specifics of a session that another session would have differently, each made a parameter: the project (the
 * repository's folder name), the files the steps changed ({@code file1}, ...) and the identifiers the goal names
 * ({@code symbol1}, ...: {@code snake_case}, {@code camelCase}, a name followed by {@code (} or in back-ticks).
 * Only values that the goal or a step mentions become parameters.
 */
final class SessionParameters {

    private static final Pattern IDENTIFIER = Pattern.compile(
            "`([^`\\s]{2,64})`|\\b([A-Za-z_][A-Za-z0-9_]*)(\\()?");
    /** A project named {@code app} or {@code ui} would turn every such word into a parameter. */
    private static final int MIN_PROJECT_CHARS = 3;

    private SessionParameters() {
    }

    static Map<String, String> of(SessionCompleted.Payload session) {
        StringBuilder text = new StringBuilder(session.goal());
        session.steps().forEach(s -> text.append('\n').append(s.title()).append('\n').append(s.instructions()));
        String all = text.toString();
        Map<String, String> parameters = new LinkedHashMap<>();
        String project = project(session.repo());
        if (project.length() >= MIN_PROJECT_CHARS && mentioned(all, project)) {
            parameters.put("project", project);
        }
        Set<String> files = new LinkedHashSet<>();
        session.steps().forEach(s -> files.addAll(s.stats() == null ? List.of() : s.stats().files()));
        int n = 1;
        for (String file : files) {
            if (mentioned(all, file) && !parameters.containsValue(file)) {
                parameters.put("file" + n++, file);
            }
        }
        n = 1;
        for (String symbol : symbols(session.goal())) {
            if (!parameters.containsValue(symbol)) {
                parameters.put("symbol" + n++, symbol);
            }
        }
        return parameters;
    }

    static String project(String repo) {
        String path = repo.replaceAll("[/\\\\]+$", "");
        String last = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        return last.endsWith(".git") ? last.substring(0, last.length() - 4) : last;
    }

    static Set<String> symbols(String goal) {
        Set<String> symbols = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(goal);
        while (m.find()) {
            String quoted = m.group(1);
            String word = m.group(2);
            if (quoted != null) {
                symbols.add(quoted);
            } else if (word.length() >= 2 && (m.group(3) != null || word.indexOf('_') > 0
                    || word.matches(".*[a-z][A-Z].*"))) {
                symbols.add(word);
            }
        }
        return symbols;
    }

    private static boolean mentioned(String text, String value) {
        return !Placeholders.abstractOut(text, Map.of("x", value)).equals(text);
    }
}
