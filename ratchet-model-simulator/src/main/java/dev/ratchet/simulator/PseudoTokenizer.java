package dev.ratchet.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into pseudo-tokens of roughly the size real tokenizers produce, so that rates and usage
 * numbers look plausible. Every character lands in exactly one token: joining the tokens gives the text back.
 */
final class PseudoTokenizer {

    // Leading whitespace sticks to the next word or punctuation mark, as in BPE vocabularies;
    // the last alternative catches trailing whitespace so that every position matches.
    private static final Pattern TOKEN = Pattern.compile("\\s*(?:[^\\s\\p{Punct}]{1,4}|\\p{Punct})|\\s+");

    private PseudoTokenizer() {
    }

    static List<String> split(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text);
        int position = 0;
        while (position < text.length()) {
            matcher.region(position, text.length());
            if (!matcher.lookingAt()) {
                throw new IllegalStateException("pseudo-token pattern failed at " + position);
            }
            tokens.add(matcher.group());
            position = matcher.end();
        }
        return tokens;
    }

    static int count(String text) {
        return split(text).size();
    }
}
