package dev.ratchet.core.skill.search;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Okapi BM25 over a set of documents (k1 1.2, b 0.75, Lucene's always-positive idf). Scores are also given
 * relative to a document that holds each query term once at average length, so that they mean the same whatever
 * the query: 1 is "every query term, as often as a typical skill has it".
 */
final class Bm25 {

    private static final double K1 = 1.2;
    private static final double B = 0.75;

    private final List<Map<String, Integer>> frequencies;
    private final int[] lengths;
    private final Map<String, Integer> documentFrequency = new HashMap<>();
    private final double averageLength;

    Bm25(List<List<String>> documents) {
        frequencies = documents.stream().map(Bm25::count).toList();
        lengths = documents.stream().mapToInt(List::size).toArray();
        frequencies.forEach(f -> f.keySet().forEach(t -> documentFrequency.merge(t, 1, Integer::sum)));
        averageLength = documents.isEmpty() ? 1 : Math.max(1, documents.stream().mapToInt(List::size).average()
                .orElse(1));
    }

    /** The score of document {@code i} relative to the one-of-each document, at most 1. */
    double relative(int i, Set<String> query) {
        double ideal = query.stream().mapToDouble(this::idf).sum();
        return ideal == 0 ? 0 : Math.min(1, score(i, query) / ideal);
    }

    double score(int i, Set<String> query) {
        double score = 0;
        double norm = K1 * (1 - B + B * lengths[i] / averageLength);
        for (String term : query) {
            int tf = frequencies.get(i).getOrDefault(term, 0);
            if (tf > 0) {
                score += idf(term) * tf * (K1 + 1) / (tf + norm);
            }
        }
        return score;
    }

    /** The query terms document {@code i} holds, in query order. */
    Set<String> matched(int i, Set<String> query) {
        Set<String> matched = new LinkedHashSet<>();
        query.stream().filter(frequencies.get(i)::containsKey).forEach(matched::add);
        return matched;
    }

    private double idf(String term) {
        int n = documentFrequency.getOrDefault(term, 0);
        return Math.log(1 + (frequencies.size() - n + 0.5) / (n + 0.5));
    }

    private static Map<String, Integer> count(List<String> terms) {
        Map<String, Integer> counts = new HashMap<>();
        terms.forEach(t -> counts.merge(t, 1, Integer::sum));
        return counts;
    }
}
