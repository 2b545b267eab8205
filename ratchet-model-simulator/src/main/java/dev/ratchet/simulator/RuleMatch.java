package dev.ratchet.simulator;

import java.util.List;
import java.util.Locale;

/**
 * The conditions of a scenario rule; a null or empty condition matches anything.
 *
 * @param model       case-insensitive substring of the request's model
 * @param contains    case-sensitive substrings that must all occur in the conversation
 * @param notContains case-sensitive substrings none of which may occur in the conversation
 * @param seeds       the request's {@code seed} must be one of these (a best-of-N variant's); empty for any
 */
record RuleMatch(String model, List<String> contains, List<String> notContains, List<Long> seeds) {

    static final RuleMatch ANY = new RuleMatch(null, List.of(), List.of(), List.of());

    RuleMatch {
        contains = List.copyOf(contains);
        notContains = List.copyOf(notContains);
        seeds = List.copyOf(seeds);
    }

    /** @param seed the request's {@code seed}; null when it sent none */
    boolean test(String requestModel, String conversation, Long seed) {
        if (!seeds.isEmpty() && (seed == null || !seeds.contains(seed))) {
            return false;
        }
        if (model != null && !requestModel.toLowerCase(Locale.ROOT).contains(model.toLowerCase(Locale.ROOT))) {
            return false;
        }
        return contains.stream().allMatch(conversation::contains)
                && notContains.stream().noneMatch(conversation::contains);
    }
}
