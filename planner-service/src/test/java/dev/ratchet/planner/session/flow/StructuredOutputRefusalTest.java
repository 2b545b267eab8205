package dev.ratchet.planner.session.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import dev.ratchet.models.ModelCallException;

/**
 * Which failed planner calls mean "this provider has no structured output" (ask again without it) and which are
 * failures of their own. The messages are the providers' as {@code ChatClient} reports them.
 */
class StructuredOutputRefusalTest {

    private static ModelCallException failed(int status, String message) {
        return new ModelCallException("planner model 'm' at http://x failed after 1 attempt: HTTP " + status + ": "
                + message, 1, OptionalInt.of(status), null);
    }

    @Test
    void a400NamingTheFormatIsARefusal() {
        assertThat(PlanConversation.refusesStructuredOutput(failed(400, "Invalid parameter: 'response_format' of "
                + "type 'json_schema' is not supported with this model."))).isTrue();
        assertThat(PlanConversation.refusesStructuredOutput(failed(400, "json_schema is not supported by this "
                + "backend"))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(PlanConversation.refusesStructuredOutput(failed(400, "Unsupported parameter: 'max_tokens'")))
                .isFalse();
        assertThat(PlanConversation.refusesStructuredOutput(failed(500, "response_format handler crashed")))
                .isFalse();
        assertThat(PlanConversation.refusesStructuredOutput(new ModelCallException("timed out: response_format",
                4, OptionalInt.empty(), null))).isFalse();
    }
}
