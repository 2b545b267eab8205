package dev.ratchet.core.skill.template;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code {{name}}} placeholders: put in place of a session's specifics, filled with a new session's values, and read
 * back out of a goal that follows a template.
 */
public final class Placeholders {

    /** A parameter's name: a lower-case letter, then letters and digits ({@code project}, {@code file2}). */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z][a-z0-9]*)}}");
    /** A value stands alone: not inside a longer identifier or path ({@code textstats} in {@code test_textstats}). */
    private static final String BEFORE = "(?<![A-Za-z0-9_./-])";
    private static final String AFTER = "(?![A-Za-z0-9_])";

    private Placeholders() {
    }

    /** {@code text} with each standing-alone occurrence of a value replaced by its parameter's placeholder. */
    public static String abstractOut(String text, Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return text;
        }
        Map<String, String> byValue = new LinkedHashMap<>();
        parameters.entrySet().stream().sorted(Comparator.comparing((Map.Entry<String, String> e) ->
                e.getValue().length()).reversed()).forEach(e -> byValue.putIfAbsent(e.getValue(), e.getKey()));
        List<String> alternatives = new ArrayList<>();
        byValue.keySet().forEach(v -> alternatives.add(Pattern.quote(v)));
        Matcher m = Pattern.compile(BEFORE + "(?:" + String.join("|", alternatives) + ")" + AFTER).matcher(text);
        return m.replaceAll(r -> Matcher.quoteReplacement("{{" + byValue.get(r.group()) + "}}"));
    }

    /** {@code template} with every placeholder replaced by its value; a placeholder without one is kept. */
    public static String fill(String template, Map<String, String> values) {
        return PLACEHOLDER.matcher(template).replaceAll(r -> Matcher.quoteReplacement(
                values.getOrDefault(r.group(1), r.group())));
    }

    /**
     * The values a text gives the template's placeholders, when the text follows the template (white space and
     * letter case of the fixed parts aside); empty when it does not.
     */
    public static Map<String, String> bind(String template, String text) {
        Matcher parts = PLACEHOLDER.matcher(template);
        StringBuilder regex = new StringBuilder();
        List<String> names = new ArrayList<>();
        int at = 0;
        while (parts.find()) {
            regex.append(literal(template.substring(at, parts.start())));
            String name = parts.group(1);
            regex.append(names.contains(name) ? "\\k<" + name + ">" : "(?<" + name + ">.+?)");
            if (!names.contains(name)) {
                names.add(name);
            }
            at = parts.end();
        }
        regex.append(literal(template.substring(at)));
        Matcher m = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL)
                .matcher(text.strip().replaceAll("\\s+", " "));
        Map<String, String> values = new LinkedHashMap<>();
        if (m.matches()) {
            names.forEach(n -> values.put(n, m.group(n).strip()));
        }
        return values;
    }

    /** The placeholders {@code template} uses, in order of first use. */
    public static List<String> names(String template) {
        List<String> names = new ArrayList<>();
        PLACEHOLDER.matcher(template).results().map(r -> r.group(1)).filter(n -> !names.contains(n))
                .forEach(names::add);
        return names;
    }

    private static String literal(String fixed) {
        StringBuilder out = new StringBuilder();
        for (String word : fixed.strip().split("\\s+")) {
            if (!word.isEmpty()) {
                out.append(out.isEmpty() ? "" : "\\s+").append(Pattern.quote(word));
            }
        }
        // white space around a fixed part is optional only where the template has none
        String lead = !fixed.isEmpty() && Character.isWhitespace(fixed.charAt(0)) ? "\\s+" : "";
        String tail = !fixed.isEmpty() && Character.isWhitespace(fixed.charAt(fixed.length() - 1)) ? "\\s+" : "";
        return out.isEmpty() ? lead.isEmpty() && tail.isEmpty() ? "" : "\\s+" : lead + out + tail;
    }
}
