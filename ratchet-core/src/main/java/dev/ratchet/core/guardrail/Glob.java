package dev.ratchet.core.guardrail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A path pattern, with .gitignore-like meaning:
 * <ul>
 * <li>{@code *} is any run of characters but {@code /}, {@code ?} one such character, {@code [a-z]} and
 *     {@code [!a-z]} a class; {@code **} is any run including {@code /}, so {@code **}{@code /x} is {@code x} in
 *     any directory, the root included.</li>
 * <li>A pattern without {@code /} is about a name: it matches when any segment of the path does ({@code .env*}
 *     covers {@code .env} and {@code config/.env.local}).</li>
 * <li>A pattern with {@code /} is anchored at the repository root (a leading {@code /} is dropped; a trailing
 *     {@code /} means {@code /**}).</li>
 * <li>A pattern that matches a directory covers everything under it: {@code .git/**} and {@code .git} cover
 *     {@code .git/config}.</li>
 * </ul>
 */
public final class Glob {

    private final String pattern;
    private final Pattern regex;
    private final boolean anchored;

    private Glob(String pattern, Pattern regex, boolean anchored) {
        this.pattern = pattern;
        this.regex = regex;
        this.anchored = anchored;
    }

    /** @throws IllegalArgumentException for an empty pattern or an unclosed {@code [} */
    public static Glob compile(String pattern, boolean ignoreCase) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("an empty pattern");
        }
        String p = pattern.strip();
        p = p.startsWith("/") ? p.substring(1) : p;
        p = p.endsWith("/") ? p + "**" : p;
        boolean anchored = p.contains("/");
        StringBuilder re = new StringBuilder("^");
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (p.startsWith("**/", i)) {
                re.append("(?:.*/)?");
                i += 2;
            } else if (p.startsWith("/**", i) && i + 3 == p.length()) {
                re.append("(?:/.*)?");
                i += 2;
            } else if (p.startsWith("**", i)) {
                re.append(".*");
                i++;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '[') {
                int close = p.indexOf(']', i + 2);
                if (close < 0) {
                    throw new IllegalArgumentException("pattern " + pattern + " has an unclosed '['");
                }
                String body = p.substring(i + 1, close);
                body = body.startsWith("!") ? "^" + body.substring(1) : body;
                re.append('[').append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                i = close;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        int flags = ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
        return new Glob(pattern, Pattern.compile(re.append('$').toString(), flags), anchored);
    }

    public String pattern() {
        return pattern;
    }

    /** Whether the pattern covers a normalised repository path (itself or a directory it is under). */
    public boolean matches(String path) {
        if (!anchored) {
            for (String segment : path.split("/")) {
                if (regex.matcher(segment).matches()) {
                    return true;
                }
            }
            return false;
        }
        List<String> candidates = new ArrayList<>();
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            candidates.add(path.substring(0, slash));
        }
        candidates.add(path);
        return candidates.stream().anyMatch(c -> regex.matcher(c).matches());
    }

    /** The first of {@code globs} that covers {@code path}, or null. */
    static Glob firstMatch(List<Glob> globs, String path) {
        for (Glob glob : globs) {
            if (glob.matches(path)) {
                return glob;
            }
        }
        return null;
    }
}
