package dev.ratchet.core.skill.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Text to search terms: lower case, split at anything not a letter or digit (so {@code word_count} and
 * {@code top-words} give two terms each, and {@code camelCase} too), common English words dropped, and the plural
 * and verb endings cut so that {@code tests}, {@code testing} and {@code tested} meet {@code test}.
 */
public final class Words {

    private static final Set<String> STOP = Set.of("a", "an", "and", "are", "as", "at", "be", "by", "can", "do",
            "for", "from", "has", "have", "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "of", "on",
            "or", "our", "so", "that", "the", "their", "then", "this", "to", "up", "use", "we", "when", "with",
            "you", "your", "want", "need", "should", "make", "get", "let");

    private Words() {
    }

    public static List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        if (text == null) {
            return terms;
        }
        String spaced = text.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        for (String word : spaced.split("[^\\p{L}\\p{N}]+")) {
            if (word.length() >= 2 && !STOP.contains(word)) {
                terms.add(stem(word));
            }
        }
        return terms;
    }

    /** A light suffix stripper (not Porter): enough for plurals and -ing/-ed forms of code-task words. */
    static String stem(String word) {
        if (word.length() > 4 && word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.length() > 5 && word.endsWith("ing")) {
            return undouble(word.substring(0, word.length() - 3));
        }
        if (word.length() > 4 && word.endsWith("ed")) {
            return undouble(word.substring(0, word.length() - 2));
        }
        if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }

    /** {@code mapping} to {@code map}, {@code logged} to {@code log}. */
    private static String undouble(String stem) {
        int n = stem.length();
        return n >= 3 && stem.charAt(n - 1) == stem.charAt(n - 2) && !"lsz".contains(stem.substring(n - 1))
                ? stem.substring(0, n - 1) : stem;
    }
}
