package dev.ratchet.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.ContextUse;
import dev.ratchet.core.event.Execution;
import dev.ratchet.core.event.SampleEvents;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.core.session.Progress;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.StepPolicy;
import dev.ratchet.core.session.SessionMachine;

class JsonTest {

    private static final Instant AT = Instant.parse("2025-03-01T10:15:30.123Z");

    @Test
    void instantsAreIsoStrings() throws Exception {
        String json = Json.write(new Progress(Progress.STEP_VERIFIED, "s1", 2, "verified", AT));

        JsonNode tree = Json.mapper().readTree(json);
        assertThat(tree.get("at").isTextual()).isTrue();
        assertThat(tree.get("at").asText()).isEqualTo("2025-03-01T10:15:30.123Z");
        assertThat(Json.read(json, Progress.class).at()).isEqualTo(AT);
    }

    @Test
    void nullsAreOmitted() {
        String json = Json.write(new Execution("executor-1", null, AT, null, null, null));

        assertThat(json).isEqualTo("{\"executor\":\"executor-1\",\"requestedAt\":\"2025-03-01T10:15:30.123Z\"}");
        assertThat(Json.write(new Progress(Progress.SESSION_PLANNED, null, 0, "plan ready", AT)))
                .doesNotContain("stepId").contains("\"attempt\":0");
    }

    @Test
    void executionCarriesItsContextUseAndReadsWithoutIt() {
        Execution with = new Execution("executor-1", "m", AT, AT, AT, Usage.NONE,
                new ContextUse(5_123, 8_000, 128_000, 4.0, 3));

        assertThat(Json.read(Json.write(with), Execution.class)).isEqualTo(with);
        assertThat(Json.write(new Execution("executor-1", "m", AT, AT, AT, Usage.NONE))).doesNotContain("context");
        assertThat(Json.read("{\"executor\":\"executor-1\"}", Execution.class).context()).isNull();
    }

    @Test
    void unknownPropertiesAreIgnoredOnRead() {
        String json = "{\"name\":\"unit\",\"command\":\"pytest -q\",\"timeoutSeconds\":300,\"retries\":2,"
                + "\"env\":{\"CI\":\"1\"}}";

        assertThat(Json.read(json, Check.class)).isEqualTo(new Check("unit", "pytest -q", 300));
    }

    @Test
    void missingFieldsReadAsNullOrZero() {
        assertThat(Json.read("{\"name\":\"unit\"}", Check.class)).isEqualTo(new Check("unit", null, 0));
    }

    @Test
    void invalidJsonIsAnIllegalArgument() {
        assertThatThrownBy(() -> Json.read("{\"tokensIn\": ", Usage.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid Usage JSON: ");
    }

    @Test
    void eventsAndStoredSessionsRoundTrip() {
        StepRequested request = SampleEvents.requested();
        assertThat(Json.read(Json.write(request), StepRequested.class)).isEqualTo(request);

        SessionMachine machine = new SessionMachine(3, 8000);
        Session created = Session.created("sess", "/r", "goal", "abc", List.of(new Check("unit", "make", 60)),
                StepPolicy.DEFAULTS, AT);
        Session running = machine.planned(created, List.of(new PlanStep("s1", "One", "Do one")), AT).session();

        String json = Json.write(running);

        assertThat(Json.read(json, Session.class)).isEqualTo(running);
        assertThat(json).doesNotContain("\"current\"").doesNotContain("\"usage\"").doesNotContain("\"timings\"");
    }
}
