package dev.ratchet.core.skill.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Keyword ranking, the combination with embeddings, and the reasons given. */
class SkillRankerTest {

    private static final List<SearchDocument> SKILLS = List.of(
            new SearchDocument("add-cursor-pagination", "Adds cursor-based pagination to a REST list endpoint.",
                    "Return a next cursor; limit the page size.", new float[] {1, 0, 0}),
            new SearchDocument("fix-flaky-tests", "Finds and fixes flaky tests that fail at random.",
                    "Look for sleeps and shared state.", new float[] {0, 1, 0}),
            new SearchDocument("bump-dependency", "Upgrades a dependency and fixes what the upgrade breaks.",
                    "Read the changelog.", null));

    @Test
    void keywordsAloneFindTheSkillThatHoldsTheWords() {
        List<SearchHit> hits = new SkillRanker(0.5).rank("paginate the users endpoint with cursors", null, SKILLS, 3);

        assertThat(hits).extracting(SearchHit::name).containsExactly("add-cursor-pagination");
        SearchHit hit = hits.get(0);
        assertThat(hit.semantic()).isNull();
        assertThat(hit.matched()).containsExactly("endpoint", "cursor");
        assertThat(hit.why()).isEqualTo("2 of 4 query words (endpoint, cursor); keywords only");
        assertThat(hit.score()).isEqualTo(hit.keyword()).isBetween(0.0, 1.0);
    }

    @Test
    void embeddingsFindAMeaningWithoutSharedWords() {
        List<SearchHit> hits = new SkillRanker(0.5).rank("tests pass sometimes", new float[] {0.1f, 1, 0}, SKILLS,
                3);

        assertThat(hits.get(0).name()).isEqualTo("fix-flaky-tests");
        assertThat(hits.get(0).semantic()).isGreaterThan(0.99);
        assertThat(hits.get(0).why()).endsWith("; meaning 1.00 similar");
        assertThat(hits).extracting(SearchHit::name).doesNotContain("bump-dependency");
    }

    @Test
    void aQueryOfNoKnownWordFindsNothingByKeywords() {
        assertThat(new SkillRanker(0.5).rank("zzz qqq", null, SKILLS, 3)).isEmpty();
        assertThat(new SkillRanker(0.5).rank("", null, SKILLS, 3)).isEmpty();
    }

    @Test
    void wordsAreStemmedAndSplit() {
        assertThat(Words.terms("Fixing flaky_tests in UserService")).containsExactly("fix", "flaky", "test",
                "user", "service");
        assertThat(Words.terms("the categories were mapped")).containsExactly("category", "were", "map");
    }

    @Test
    void vectorsSurviveTheirTextForm() {
        float[] vector = {0.25f, -1.5f, 3e-7f};

        assertThat(Vectors.decode(Vectors.encode(vector))).containsExactly(vector);
        assertThat(Vectors.cosine(vector, vector)).isCloseTo(1.0, offset(1e-9));
    }
}
