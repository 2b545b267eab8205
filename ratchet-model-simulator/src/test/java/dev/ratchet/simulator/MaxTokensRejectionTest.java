package dev.ratchet.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;

import static dev.ratchet.simulator.SimulatorHttp.chatBody;
import static dev.ratchet.simulator.SimulatorHttp.content;
import static dev.ratchet.simulator.SimulatorHttp.json;
import static dev.ratchet.simulator.SimulatorHttp.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code rejectMaxTokensFor}: the simulator answers {@code max_tokens} the way OpenAI does for GPT-5 and o-series models. */
class MaxTokensRejectionTest {

    private static final String SCENARIO = """
            {"name": "openai-limits", "rejectMaxTokensFor": ["gpt-5.4", "o3"],
             "rules": [{"name": "once", "times": 1, "response": {"content": "first answer"}},
                       {"name": "later", "response": {"content": "later answer"}}]}
            """;

    private SimulatedModelServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start() throws IOException {
        server = SimulatedModelServer.start(SimulatorConfig.defaults(Scenario.fromJson(SCENARIO))
                .withTimeToFirstToken(Duration.ZERO).withTokensPerSecond(100_000));
    }

    private static String withLimit(String model, String field) {
        ObjectNode body = (ObjectNode) json(chatBody(model, true, "hello"));
        return body.put(field, 64).toString();
    }

    @Test
    void maxTokensGetsOpenAisUnsupportedParameterErrorWithoutSpendingARule() throws IOException {
        start();

        HttpResponse<String> rejected = post(server, withLimit("gpt-5.4", "max_tokens"));

        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(rejected.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json(rejected.body())).isEqualTo(json("""
                {"error": {"message": "simulated model: Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
                           "type": "invalid_request_error", "param": "max_tokens", "code": "unsupported_parameter"}}
                """));
        assertThat(content(post(server, withLimit("gpt-5.4", "max_completion_tokens")))).isEqualTo("first answer");
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void namesMatchAsCaseInsensitiveSubstringsLikeRuleModels() throws IOException {
        start();

        assertThat(post(server, withLimit("GPT-5.4-mini", "max_tokens")).statusCode()).isEqualTo(400);
        assertThat(post(server, withLimit("o3-pro", "max_tokens")).statusCode()).isEqualTo(400);
        assertThat(content(post(server, withLimit("gpt-4o", "max_tokens")))).isEqualTo("first answer");
        assertThat(content(post(server, chatBody("gpt-5.4", true, "no limit at all")))).isEqualTo("later answer");
    }

    @Test
    void withoutTheOptionMaxTokensIsAccepted() throws IOException {
        server = SimulatedModelServer.start(SimulatorConfig.defaults(Scenario.fromJson(
                "{\"rules\": [{\"response\": {\"content\": \"ok\"}}]}")).withTimeToFirstToken(Duration.ZERO));

        assertThat(content(post(server, withLimit("gpt-5.4", "max_tokens")))).isEqualTo("ok");
    }

    @Test
    void blankOrMistypedEntriesAreRejectedAtLoad() {
        assertThatThrownBy(() -> Scenario.fromJson("{\"rejectMaxTokensFor\": [\" \"], \"rules\": [{\"response\": {}}]}"))
                .hasMessage("scenario inline JSON: \"rejectMaxTokensFor\" entries must not be blank (a blank one would "
                        + "match every model)");
        assertThatThrownBy(() -> Scenario.fromJson("{\"rejectMaxTokensFor\": \"gpt-5.4\", \"rules\": [{\"response\": {}}]}"))
                .hasMessage("scenario inline JSON: the scenario: \"rejectMaxTokensFor\" must be an array of strings");
    }
}
