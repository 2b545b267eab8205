package dev.ratchet.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;

import static dev.ratchet.simulator.SimulatorHttp.get;
import static dev.ratchet.simulator.SimulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

class EndpointsTest {

    @Test
    void healthSaysSimulated() throws IOException {
        try (SimulatedModelServer server = start("{\"rules\": [{\"response\": {}}]}")) {
            HttpResponse<String> response = get(server, "/health");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response.body()).toString()).isEqualTo("{\"status\":\"UP\",\"simulated\":true}");
        }
    }

    @Test
    void modelsListsEachScenarioModelAsSimulated() throws IOException {
        try (SimulatedModelServer server = start("""
                {"rules": [{"match": {"model": "planner"}, "response": {}}, {"match": {"model": "executor"}, "response": {}},
                           {"match": {"model": "planner"}, "response": {}}]}
                """)) {
            JsonNode body = json(get(server, "/v1/models").body());

            assertThat(body.path("object").asText()).isEqualTo("list");
            assertThat(body.path("data").findValuesAsText("id")).containsExactly("simulated:planner", "simulated:executor");
        }
    }

    @Test
    void modelsListsOneSimulatedModelWhenTheScenarioNamesNone() throws IOException {
        try (SimulatedModelServer server = start("{\"rules\": [{\"response\": {}}]}")) {
            assertThat(json(get(server, "/v1/models").body()).path("data").findValuesAsText("id"))
                    .containsExactly("simulated:any");
        }
    }

    @Test
    void unknownPathsAreJson404s() throws IOException {
        try (SimulatedModelServer server = start("{\"rules\": [{\"response\": {}}]}")) {
            HttpResponse<String> response = get(server, "/v2/nothing");

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(SimulatorHttp.errorMessage(response)).isEqualTo("simulated model: no such endpoint /v2/nothing");
            assertThat(server.baseUrl().toString()).isEqualTo("http://127.0.0.1:" + server.port() + "/v1");
        }
    }

    private static SimulatedModelServer start(String scenario) throws IOException {
        return SimulatedModelServer.start(SimulatorConfig.defaults(Scenario.fromJson(scenario)));
    }
}
