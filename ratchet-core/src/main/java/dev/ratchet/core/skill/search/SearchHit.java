package dev.ratchet.core.skill.search;

import java.util.List;

/**
 * One skill found, with the reasons: the combined score (0..1), its keyword part (BM25 against the score of a
 * document holding each query term once), its semantic part (cosine of the embeddings; null without them), the
 * query terms it holds, and a sentence saying so.
 */
public record SearchHit(String name, double score, double keyword, Double semantic, List<String> matched,
        String why) {
}
