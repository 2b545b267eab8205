package dev.ratchet.skills.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.skill.SkillDocument;
import dev.ratchet.core.skill.search.SearchDocument;
import dev.ratchet.core.skill.search.SearchHit;
import dev.ratchet.core.skill.search.SkillRanker;
import dev.ratchet.skills.LabelledSkills;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Recall@3 of skill search on the labelled set (14 skills, 48 queries): the share of queries whose labelled skill
 * is among the first three hits. Hybrid search (the registry's default: BM25 and the local MiniLM embeddings, half
 * each) and the keyword-only fallback (embeddings switched off), with the same ranker the registry uses. The figures
 * are printed and recorded in skills-registry/README.md; the floors below are what each must keep.
 *
 * <p>A {@code @QuarkusTest} although it needs no service: the model's tokenizer is a native library, which a JVM
 * loads into one class loader only, and the registry's tests run the registry (with its model) in Quarkus' class
 * loader. Here the model is made in that same class loader, in whichever order the test classes run.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
class SearchRecallTest {

    private static final int K = 3;
    private static List<SkillDocument> skills;
    private static List<SearchDocument> embedded;
    private static MiniLm model;

    @BeforeAll
    static void readSkills() throws IOException {
        model = new MiniLm();
        skills = new ArrayList<>();
        for (Path folder : LabelledSkills.skills()) {
            skills.add(SkillDocument.parse(Files.readString(folder.resolve("SKILL.md"))));
        }
        embedded = skills.stream().map(s -> new SearchDocument(s.name(), s.description(), s.body(),
                model.embed(SkillEmbeddings.text(s)))).toList();
        assertThat(skills).hasSizeGreaterThanOrEqualTo(10);
        assertThat(LabelledSkills.queries()).hasSizeGreaterThanOrEqualTo(30);
    }

    @Test
    void hybridSearchFindsTheLabelledSkillInTheTopThree() {
        double recall = recall("hybrid (semantic weight 0.5)", new SkillRanker(0.5), embedded, model::embed);

        assertThat(recall).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void keywordFallbackFindsMostOfThem() {
        // the gap to hybrid search: queries that share no word with their skill ("nobody ever tested the billing
        // code" for write-unit-tests-for-module), listed as misses in the output
        List<SearchDocument> plain = embedded.stream().map(d -> new SearchDocument(d.name(), d.description(),
                d.text(), null)).toList();

        double recall = recall("keyword only (BM25, embeddings off)", new SkillRanker(0.5), plain, q -> null);

        assertThat(recall).isGreaterThanOrEqualTo(0.85);
    }

    /** The figures behind {@code ratchet.skills.search.semantic-weight}'s default, for the README. */
    @Test
    void otherWeightsForComparison() {
        for (double weight : new double[] {0.3, 0.7, 1.0}) {
            assertThat(recall("semantic weight " + weight, new SkillRanker(weight), embedded, model::embed))
                    .isGreaterThanOrEqualTo(0.9);
        }
    }

    private static double recall(String mode, SkillRanker ranker, List<SearchDocument> documents,
            Function<String, float[]> embed) {
        int found = 0;
        List<String> misses = new ArrayList<>();
        for (LabelledSkills.Query q : LabelledSkills.queries()) {
            List<String> top = ranker.rank(q.text(), embed.apply(q.text()), documents, K).stream()
                    .map(SearchHit::name).toList();
            if (top.contains(q.expected())) {
                found++;
            } else {
                misses.add("  missed: \"" + q.text() + "\" -> " + q.expected() + ", got " + top);
            }
        }
        double recall = (double) found / LabelledSkills.queries().size();
        System.out.printf(Locale.ROOT, "recall@%d %s: %.3f (%d of %d queries)%n", K, mode, recall, found,
                LabelledSkills.queries().size());
        misses.forEach(System.out::println);
        return recall;
    }
}
