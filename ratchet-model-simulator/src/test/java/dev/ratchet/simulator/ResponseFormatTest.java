package dev.ratchet.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;

import static dev.ratchet.simulator.SimulatorHttp.chatBody;
import static dev.ratchet.simulator.SimulatorHttp.content;
import static dev.ratchet.simulator.SimulatorHttp.errorMessage;
import static dev.ratchet.simulator.SimulatorHttp.json;
import static dev.ratchet.simulator.SimulatorHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code response_format}: a structured answer is the scripted JSON alone and matches the request's schema, as
 * OpenAI's structured output does; {@code rejectJsonSchemaFor} refuses {@code json_schema} the way OpenAI answers it
 * for a model without structured outputs.
 */
class ResponseFormatTest {

    private static final String SCHEMA = """
            {"type": "object", "additionalProperties": false, "required": ["steps"],
             "properties": {"steps": {"type": "array", "items": {"type": "string"}}}}""";

    private static final String SCENARIO = """
            {"name": "structured", "rejectJsonSchemaFor": ["old-model"],
             "rules": [
               {"name": "prose around the plan", "match": {"contains": ["fenced"]},
                "response": {"content": "Here is the plan:\\n```json\\n{\\"steps\\": [\\"a\\", \\"b\\"]}\\n```\\nDone."}},
               {"name": "a plan outside the schema", "match": {"contains": ["wrong"]},
                "response": {"content": "{\\"steps\\": [1, 2]}"}},
               {"name": "no JSON at all", "match": {"contains": ["prose"]},
                "response": {"content": "I cannot plan this."}}]}
            """;

    private SimulatedModelServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String structured(String model, boolean stream, String message) {
        ObjectNode body = (ObjectNode) json(chatBody(model, stream, message));
        ObjectNode format = body.putObject("response_format").put("type", "json_schema");
        format.putObject("json_schema").put("name", "plan").put("strict", true).set("schema", json(SCHEMA));
        return body.toString();
    }

    @Test
    void theAnswerIsTheScriptedJsonAloneStreamedOrWhole() throws IOException {
        server = SimulatorHttp.instant(SCENARIO);

        for (boolean stream : new boolean[] {true, false}) {
            HttpResponse<String> answer = post(server, structured("gpt-4o", stream, "fenced"));

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(content(answer)).isEqualTo("{\"steps\": [\"a\", \"b\"]}");
        }
        assertThat(content(post(server, chatBody("gpt-4o", false, "fenced")))).startsWith("Here is the plan:");
    }

    @Test
    void aScriptedAnswerOutsideTheSchemaIsReportedAsAScenarioError() throws IOException {
        server = SimulatorHttp.instant(SCENARIO);

        HttpResponse<String> wrong = post(server, structured("gpt-4o", false, "wrong"));
        HttpResponse<String> prose = post(server, structured("gpt-4o", false, "prose"));

        assertThat(wrong.statusCode()).isEqualTo(500);
        assertThat(errorMessage(wrong)).startsWith("simulated model: the scripted answer of rule 'a plan outside the "
                + "schema' (scenario structured) does not match the schema: ").contains("steps[0]");
        assertThat(prose.statusCode()).isEqualTo(500);
        assertThat(errorMessage(prose)).contains("rule 'no JSON at all'").contains("holds no JSON object");
    }

    @Test
    void aModelWithoutStructuredOutputsRefusesJsonSchemaWithoutSpendingARule() throws IOException {
        server = SimulatorHttp.instant(SCENARIO);

        HttpResponse<String> refused = post(server, structured("Old-Model-2", false, "fenced"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused.body())).isEqualTo(json("""
                {"error": {"message": "simulated model: Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
                           "type": "invalid_request_error", "param": "response_format", "code": null}}
                """));
        ObjectNode jsonObject = (ObjectNode) json(chatBody("old-model-2", false, "fenced"));
        jsonObject.putObject("response_format").put("type", "json_object");
        assertThat(content(post(server, jsonObject.toString()))).startsWith("Here is the plan:");
    }

    @Test
    void aJsonSchemaFormatWithoutASchemaIsABadRequest() throws IOException {
        server = SimulatorHttp.instant(SCENARIO);
        ObjectNode body = (ObjectNode) json(chatBody("gpt-4o", false, "fenced"));
        body.putObject("response_format").put("type", "json_schema").putObject("json_schema").put("name", "x");

        HttpResponse<String> answer = post(server, body.toString());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(errorMessage(answer)).contains("needs 'json_schema.schema'");
    }
}
