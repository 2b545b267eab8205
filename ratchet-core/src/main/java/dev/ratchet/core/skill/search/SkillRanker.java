package dev.ratchet.core.skill.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Ranks skills for a query: keyword relevance (BM25) and, when both the query and a skill have an embedding,
 * semantic similarity (cosine), combined as {@code semanticWeight * semantic + (1 - semanticWeight) * keyword}.
 * A skill without an embedding, or a query without one (embeddings switched off), is ranked by keywords alone.
 * Skills that score 0 are not hits.
 */
public final class SkillRanker {

    private final double semanticWeight;

    /** @param semanticWeight 0..1, the share of the semantic similarity in the score */
    public SkillRanker(double semanticWeight) {
        if (semanticWeight < 0 || semanticWeight > 1) {
            throw new IllegalArgumentException("the semantic weight is from 0 to 1, not " + semanticWeight);
        }
        this.semanticWeight = semanticWeight;
    }

    /** @param queryVector the query's embedding, null for keywords alone */
    public List<SearchHit> rank(String query, float[] queryVector, List<SearchDocument> documents, int limit) {
        Set<String> terms = new LinkedHashSet<>(Words.terms(query));
        Bm25 bm25 = new Bm25(documents.stream().map(SearchDocument::terms).toList());
        List<SearchHit> hits = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            SearchDocument doc = documents.get(i);
            double keyword = bm25.relative(i, terms);
            Double semantic = queryVector == null || doc.vector() == null ? null
                    : Math.max(0, Vectors.cosine(queryVector, doc.vector()));
            double score = semantic == null ? keyword : semanticWeight * semantic + (1 - semanticWeight) * keyword;
            if (score > 0) {
                List<String> matched = List.copyOf(bm25.matched(i, terms));
                hits.add(new SearchHit(doc.name(), round(score), round(keyword), semantic == null ? null
                        : round(semantic), matched, why(matched, terms.size(), semantic)));
            }
        }
        hits.sort(Comparator.comparingDouble(SearchHit::score).reversed().thenComparing(SearchHit::name));
        return List.copyOf(hits.subList(0, Math.min(limit, hits.size())));
    }

    private static String why(List<String> matched, int queryTerms, Double semantic) {
        String words = matched.isEmpty() ? "no query word" : matched.size() + " of " + queryTerms
                + " query words (" + String.join(", ", matched) + ")";
        return semantic == null ? words + "; keywords only"
                : words + "; meaning " + String.format(Locale.ROOT, "%.2f", semantic) + " similar";
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
