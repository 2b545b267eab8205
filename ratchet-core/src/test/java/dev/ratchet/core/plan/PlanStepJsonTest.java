package dev.ratchet.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.json.Json;
import dev.ratchet.core.session.StepState;

/**
 * The structured fields are optional on the wire and in Redis: a step without them writes exactly the JSON it wrote
 * before they existed, and JSON written before reads back as a step without them.
 */
class PlanStepJsonTest {

    @Test
    void aStepWithoutAScopeWritesAndReadsAsBefore() {
        String before = "{\"id\":\"s1\",\"title\":\"Add greet\",\"instructions\":\"Add greet()\"}";

        assertThat(Json.write(new PlanStep("s1", "Add greet", "Add greet()"))).isEqualTo(before);
        assertThat(Json.read(before, PlanStep.class)).isEqualTo(new PlanStep("s1", "Add greet", "Add greet()"));
        StepState state = StepState.pending(new PlanStep("s1", "Add greet", "Add greet()"), 0);
        assertThat(Json.write(state)).isEqualTo("{\"id\":\"s1\",\"index\":0,\"title\":\"Add greet\","
                + "\"instructions\":\"Add greet()\",\"status\":\"PENDING\",\"attempts\":[]}");
        assertThat(state.scope()).isNull();
    }

    @Test
    void aStructuredStepKeepsItsScopeThroughTheStepStateAndBack() {
        PlanStep step = new PlanStep("s2", "Add cli", "Add cli.py", 2, List.of("a.py"), List.of("cli.py"),
                List.of("unit"), 1500, 30);

        assertThat(Json.read(Json.write(step), PlanStep.class)).isEqualTo(step);
        StepState state = StepState.pending(step, 1);
        assertThat(Json.read(Json.write(state), StepState.class)).isEqualTo(state);
        assertThat(state.planStep()).isEqualTo(step);
        assertThat(Json.write(state)).contains("\"scope\":{\"files\":[\"a.py\"],\"newFiles\":[\"cli.py\"],"
                + "\"checks\":[\"unit\"],\"estimatedTokens\":1500,\"maxChangedLines\":30}");
    }
}
