package dev.ratchet.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class PlanParserTest {

    private static final String PLAN = """
            {"steps": [
              {"title": "Add greet()", "instructions": "Add greet(name) to src/app.py returning 'Hello, <name>'."},
              {"title": "Test greet()", "instructions": "  Add tests/test_app.py covering greet.  "},
              {"title": "  Wire main  ", "instructions": "Call greet from main()."}
            ]}""";

    @Test
    void parsesAPlainObject() {
        assertThat(PlanParser.parse(PLAN, 10)).containsExactly(
                new PlanStep("s1", "Add greet()", "Add greet(name) to src/app.py returning 'Hello, <name>'."),
                new PlanStep("s2", "Test greet()", "Add tests/test_app.py covering greet."),
                new PlanStep("s3", "Wire main", "Call greet from main()."));
    }

    @Test
    void parsesJsonInsideFencesWithProseAround() {
        String answer = "Here is the plan (3 steps):\n\n```json\n" + PLAN + "\n```\n\nEach step keeps the tests green.";

        assertThat(PlanParser.parse(answer, 10)).isEqualTo(PlanParser.parse(PLAN, 10));
    }

    @Test
    void parsesATopLevelArray() {
        String answer = "[{\"title\": \"One\", \"instructions\": \"Do one\"}, {\"title\": \"Two\", "
                + "\"instructions\": \"Do two\"}]";

        assertThat(PlanParser.parse(answer, 5)).containsExactly(new PlanStep("s1", "One", "Do one"),
                new PlanStep("s2", "Two", "Do two"));
    }

    @Test
    void aStepMayAskForItsOwnNumberOfVariantsWithinBounds() {
        assertThat(PlanParser.parse("{\"steps\": [{\"title\": \"One\", \"variants\": 5}, {\"title\": \"Two\"}]}",
                10)).extracting(PlanStep::variants).containsExactly(5, null);
        for (String bad : List.of("0", "65", "2.5", "\"5\"")) {
            assertThatThrownBy(() -> PlanParser.parse("{\"steps\": [{\"title\": \"One\", \"variants\": " + bad
                    + "}]}", 10)).isInstanceOf(PlanFormatException.class)
                    .hasMessageContaining("step 1 has variants " + bad + "; it must be a whole number from 1 to 64");
        }
    }

    @Test
    void missingOrBlankInstructionsFallBackToTheTitle() {
        String answer = "{\"steps\": [{\"title\": \"Rename Foo to Bar\"}, {\"title\": \"Bump version\", "
                + "\"instructions\": \"  \"}, {\"title\": \"Fix typo\", \"instructions\": 42}]}";

        assertThat(PlanParser.parse(answer, 5)).containsExactly(
                new PlanStep("s1", "Rename Foo to Bar", "Rename Foo to Bar"),
                new PlanStep("s2", "Bump version", "Bump version"),
                new PlanStep("s3", "Fix typo", "Fix typo"));
    }

    @Test
    void idsAreAssignedInOrderWhateverTheModelCalledThem() {
        String answer = "{\"steps\": [{\"id\": \"setup\", \"title\": \"A\"}, {\"id\": \"s9\", \"title\": \"B\"}, "
                + "{\"title\": \"C\"}, {\"title\": \"D\"}]}";

        List<PlanStep> plan = PlanParser.parse(answer, 4);

        assertThat(plan).extracting(PlanStep::id).containsExactly("s1", "s2", "s3", "s4");
        assertThat(plan).extracting(PlanStep::title).containsExactly("A", "B", "C", "D");
    }

    @Test
    void emptyAnswerIsRefused() {
        for (String answer : new String[] {null, "", " \n\t"}) {
            assertThatThrownBy(() -> PlanParser.parse(answer, 5))
                    .isInstanceOf(PlanFormatException.class)
                    .hasMessage("the planner model returned an empty answer");
        }
    }

    @Test
    void answerWithoutJsonIsRefused() {
        assertThatThrownBy(() -> PlanParser.parse("I would start by adding a greet function.", 5))
                .isInstanceOf(PlanFormatException.class)
                .hasMessage("the planner model's answer contains no JSON");
    }

    @Test
    void invalidJsonIsRefused() {
        assertThatThrownBy(() -> PlanParser.parse("{\"steps\": [{\"title\": \"A\",}]}", 5))
                .isInstanceOf(PlanFormatException.class)
                .hasMessageStartingWith("the planner model's answer is not valid JSON: ");
        assertThatThrownBy(() -> PlanParser.parse("{\"steps\": [", 5))
                .isInstanceOf(PlanFormatException.class)
                .hasMessage("the planner model's answer has unbalanced JSON");
    }

    @Test
    void planWithoutStepsIsRefused() {
        for (String answer : new String[] {"{\"steps\": []}", "{\"plan\": [{\"title\": \"A\"}]}", "[]",
            "{\"steps\": \"do it\"}"}) {
            assertThatThrownBy(() -> PlanParser.parse(answer, 5))
                    .as(answer)
                    .isInstanceOf(PlanFormatException.class)
                    .hasMessage("the plan has no \"steps\" array");
        }
    }

    @Test
    void tooManyStepsAreRefused() {
        String answer = "[{\"title\": \"1\"}, {\"title\": \"2\"}, {\"title\": \"3\"}]";

        assertThat(PlanParser.parse(answer, 3)).hasSize(3);
        assertThatThrownBy(() -> PlanParser.parse(answer, 2))
                .isInstanceOf(PlanFormatException.class)
                .hasMessageStartingWith("the plan has 3 steps; at most 2 are allowed");
    }

    @Test
    void stepWithoutTitleIsRefused() {
        String answer = "{\"steps\": [{\"title\": \"A\"}, {\"instructions\": \"no title\"}]}";

        assertThatThrownBy(() -> PlanParser.parse(answer, 5))
                .isInstanceOf(PlanFormatException.class)
                .hasMessage("step 2 has no title");
        assertThatThrownBy(() -> PlanParser.parse("[{\"title\": \"   \"}]", 5))
                .isInstanceOf(PlanFormatException.class)
                .hasMessage("step 1 has no title");
    }

    @Test
    void structuredFieldsAreReadAndNullOrMissingMeansNone() {
        String answer = "{\"steps\": [{\"title\": \"A\", \"files\": [\" a.py \"], \"newFiles\": null, "
                + "\"checks\": [\"unit\"], \"estimatedTokens\": 1200, \"maxChangedLines\": null}, {\"title\": \"B\"}]}";

        List<PlanStep> plan = PlanParser.parse(answer, 5);

        assertThat(plan.get(0).scope()).isEqualTo(new PlanScope(List.of("a.py"), List.of(), List.of("unit"), 1200,
                null));
        assertThat(plan.get(1).scope()).isEqualTo(PlanScope.NONE);
        assertThat(plan.get(1)).isEqualTo(new PlanStep("s2", "B", "B"));
    }

    @Test
    void structuredFieldsOfTheWrongTypeAreNamed() {
        String[][] cases = {
            {"\"files\": \"a.py\"", "steps[0].files must be an array of at most 64 strings"},
            {"\"newFiles\": [1]", "steps[0].newFiles[0] must be a string, not 1"},
            {"\"estimatedTokens\": \"many\"", "steps[0].estimatedTokens must be a whole number or null, not \"many\""},
            {"\"maxChangedLines\": 1e12", "steps[0].maxChangedLines must be a whole number or null, not 1.0E12"}};
        for (String[] c : cases) {
            assertThatThrownBy(() -> PlanParser.parse("{\"steps\": [{\"title\": \"A\", " + c[0] + "}]}", 5))
                    .as(c[0]).isInstanceOf(PlanFormatException.class).hasMessage(c[1]);
        }
    }
}
