package dev.ratchet.core.skill.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.core.skill.replay.ReplayChoice.AskModel;
import dev.ratchet.core.skill.replay.ReplayChoice.Candidate;
import dev.ratchet.core.skill.replay.ReplayChoice.Replay;

class ReplayChoiceTest {

    static final List<PlanStep> STEPS = List.of(new PlanStep("x", " Add word_count ", "In textstats.py add it."),
            new PlanStep("y", "Add top_words", ""));

    static Candidate trusted(String name, double score) {
        return new Candidate(name, 2, "trusted", true, score, STEPS);
    }

    @Test
    void theBestTrustedMatchAboveTheThresholdIsReplayedWithThePlannersStepIds() {
        ReplayChoice.Decision d = ReplayChoice.choose(List.of(trusted("other", 0.7), trusted("word-stats", 0.9)),
                0.8, 20);

        assertThat(d).isEqualTo(new Replay(new SkillRef("word-stats", 2), 0.9, List.of(
                new PlanStep("s1", "Add word_count", "In textstats.py add it."),
                new PlanStep("s2", "Add top_words", "Add top_words"))));
    }

    @Test
    void aScoreAtTheThresholdIsEnough() {
        assertThat(ReplayChoice.choose(List.of(trusted("word-stats", 0.8)), 0.8, 20)).isInstanceOf(Replay.class);
    }

    @Test
    void noMatchesAskTheModel() {
        assertThat(ReplayChoice.choose(List.of(), 0.8, 20)).isEqualTo(new AskModel("no skill matches the goal"));
        assertThat(ReplayChoice.choose(null, 0.8, 20)).isEqualTo(new AskModel("no skill matches the goal"));
    }

    @Test
    void aBestMatchThatIsNotTrustedAsksTheModelEvenWithATrustedOneBehindIt() {
        Candidate degraded = new Candidate("word-stats", 3, "degraded", false, 0.95, STEPS);

        assertThat(ReplayChoice.choose(List.of(trusted("other", 0.9), degraded), 0.5, 20))
                .isEqualTo(new AskModel("the best match word-stats@3 is degraded, not trusted"));
    }

    @Test
    void aTrustedMatchUnderTheThresholdAsksTheModel() {
        assertThat(ReplayChoice.choose(List.of(trusted("word-stats", 0.42)), 0.8, 20))
                .isEqualTo(new AskModel("the best match word-stats@2 scores 0.420, under the 0.800 required"));
    }

    @Test
    void anInvalidScoreOrNameFromTheRegistryIsNotApplied() {
        assertThat(ReplayChoice.choose(List.of(trusted("word-stats", Double.NaN)), 0.8, 20))
                .isEqualTo(new AskModel("the registry's matches have no valid score"));
        assertThat(ReplayChoice.choose(List.of(trusted("../etc", 0.9)), 0.8, 20))
                .isEqualTo(new AskModel("the best match '../etc@2' is not a valid skill version"));
        assertThat(ReplayChoice.choose(List.of(new Candidate("word-stats", 0, "trusted", true, 0.9, STEPS)), 0.8,
                20)).isEqualTo(new AskModel("the best match 'word-stats@0' is not a valid skill version"));
    }

    @Test
    void aPlanThePlannerWouldNotAcceptFromItsModelAsksTheModel() {
        String refusal = "the plan of word-stats@2 is not one the planner accepts (1 to 1 steps, each with a title of "
                + "at most 500 and instructions of at most 8000 characters)";
        assertThat(ReplayChoice.choose(List.of(trusted("word-stats", 0.9)), 0.8, 1)).isEqualTo(new AskModel(refusal));
        String twenty = refusal.replace("1 to 1", "1 to 20");
        assertThat(ReplayChoice.choose(List.of(new Candidate("word-stats", 2, "trusted", true, 0.9, List.of())), 0.8,
                20)).isEqualTo(new AskModel(twenty));
        assertThat(ReplayChoice.choose(List.of(new Candidate("word-stats", 2, "trusted", true, 0.9,
                List.of(new PlanStep("s1", " ", "x")))), 0.8, 20)).isEqualTo(new AskModel(twenty));
        assertThat(ReplayChoice.choose(List.of(new Candidate("word-stats", 2, "trusted", true, 0.9,
                List.of(new PlanStep("s1", "t", "x".repeat(8001))))), 0.8, 20)).isEqualTo(new AskModel(twenty));
        assertThat(ReplayChoice.choose(List.of(new Candidate("word-stats", 2, "trusted", true, 0.9,
                Collections.singletonList(null))), 0.8, 20)).isEqualTo(new AskModel(twenty));
    }
}
