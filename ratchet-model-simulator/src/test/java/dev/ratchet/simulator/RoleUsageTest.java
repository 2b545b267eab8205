package dev.ratchet.simulator;

import static dev.ratchet.simulator.SimulatorHttp.chatBody;
import static dev.ratchet.simulator.SimulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

/** Requests and tokens counted per role, as the X-Ratchet-Role header names it. */
class RoleUsageTest {

    @Test
    void eachRoleIsCountedApartWithTheTokensItsAnswersReported() throws Exception {
        try (SimulatedModelServer server = SimulatedModelServer.start(SimulatorConfig.defaults(Scenario.fromJson("""
                {"rules": [{"match": {"contains": ["fail"]}, "response": {"status": 500}},
                           {"response": {"content": "one two three"}}]}
                """)).withTokensPerSecond(1_000_000))) {
            JsonUsage planner = usage(post(server, "planner", chatBody("m", false, "plan it")));
            post(server, "executor", chatBody("m", true, "do it"));
            post(server, "executor", chatBody("m", false, "fail now"));
            post(server, "Bad Role!", chatBody("m", false, "who"));
            post(server, null, chatBody("m", false, "who"));

            assertThat(server.usage("planner")).isEqualTo(new SimulatedModelServer.RoleUsage(1,
                    planner.prompt(), planner.completion()));
            assertThat(planner.completion()).isPositive();
            assertThat(server.usage("executor").requests()).isEqualTo(2);
            assertThat(server.usage("executor").completionTokens()).isEqualTo(planner.completion());
            assertThat(server.usage("unlabelled").requests()).isEqualTo(2);
            assertThat(server.usage("verifier")).isEqualTo(new SimulatedModelServer.RoleUsage(0, 0, 0));
            assertThat(server.requestCount()).isEqualTo(5);
        }
    }

    @Test
    void rolesBeyondTheLimitCountAsUnlabelled() throws Exception {
        try (SimulatedModelServer server = SimulatedModelServer.start(SimulatorConfig.defaults(Scenario.fromJson(
                "{\"rules\": [{\"response\": {\"content\": \"ok\"}}]}")))) {
            for (int i = 0; i < RoleTally.MAX_ROLES + 2; i++) {
                post(server, "role-" + i, chatBody("m", false, "hi"));
            }
            assertThat(server.usage("role-0").requests()).isEqualTo(1);
            assertThat(server.usage("role-" + (RoleTally.MAX_ROLES + 1)).requests()).isZero();
            assertThat(server.usage("unlabelled").requests()).isEqualTo(2);
        }
    }

    private record JsonUsage(long prompt, long completion) {
    }

    private static JsonUsage usage(HttpResponse<String> response) {
        var usage = json(response.body()).path("usage");
        return new JsonUsage(usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong());
    }

    private static HttpResponse<String> post(SimulatedModelServer server, String role, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (role != null) {
            request.header(SimulatedModelServer.ROLE_HEADER, role);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
