package dev.ratchet.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static dev.ratchet.simulator.SimulatorHttp.chatBody;
import static dev.ratchet.simulator.SimulatorHttp.content;
import static dev.ratchet.simulator.SimulatorHttp.errorMessage;
import static dev.ratchet.simulator.SimulatorHttp.json;
import static dev.ratchet.simulator.SimulatorHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

class ScenarioRulesTest {

    private SimulatedModelServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(String scenarioJson) throws IOException {
        server = SimulatorHttp.instant(scenarioJson);
    }

    @Test
    void firstMatchingRuleWinsAndModelMatchIgnoresCase() throws IOException {
        start("""
                {"name": "order", "rules": [
                  {"name": "planner", "match": {"model": "PLANNER"}, "response": {"content": "plan"}},
                  {"name": "textstats", "match": {"contains": ["textstats"]}, "response": {"content": "stats"}},
                  {"name": "fallback", "response": {"content": "anything"}}]}
                """);

        assertThat(content(post(server, chatBody("big-planner-v2", true, "textstats")))).isEqualTo("plan");
        assertThat(content(post(server, chatBody("executor", true, "add textstats")))).isEqualTo("stats");
        assertThat(content(post(server, chatBody("executor", false, "other")))).isEqualTo("anything");
    }

    @Test
    void concatenatedScenariosTryEachPartsRulesInOrder() throws IOException {
        Scenario scripted = Scenario.fromJson("""
                {"name": "scripted", "rules": [
                  {"name": "guardrail", "match": {"contains": ["no-deletes demo"]}, "response": {"content": "x"}}]}
                """);
        Scenario fallback = Scenario.fromJson("""
                {"name": "demo", "rejectMaxTokensFor": ["gpt-5"], "rules": [
                  {"name": "anything", "response": {"content": "fallback"}}]}
                """);
        Scenario both = Scenario.concat("all", List.of(scripted, fallback));
        server = SimulatedModelServer.start(SimulatorConfig.defaults(both)
                .withTimeToFirstToken(Duration.ZERO).withTokensPerSecond(100_000));

        assertThat(both.name()).isEqualTo("all");
        assertThat(both.rejectsMaxTokens("gpt-5-mini")).isTrue();
        assertThat(content(post(server, chatBody("executor", true, "the no-deletes demo")))).isEqualTo("x");
        assertThat(content(post(server, chatBody("executor", true, "any other step")))).isEqualTo("fallback");
    }

    @Test
    void containsAndNotContainsLookAtAllMessagesCaseSensitively() throws IOException {
        start("""
                {"rules": [
                  {"name": "retry", "match": {"contains": ["textstats", "was rejected"]}, "response": {"content": "second"}},
                  {"name": "first", "match": {"contains": ["textstats"], "notContains": ["was rejected"]},
                   "response": {"content": "first"}}]}
                """);

        assertThat(content(post(server, chatBody("m", true, "build textstats")))).isEqualTo("first");
        assertThat(content(post(server, chatBody("m", true, "build textstats", "the patch was rejected"))))
                .isEqualTo("second");
        HttpResponse<String> upperCase = post(server, chatBody("m", true, "build TEXTSTATS"));
        assertThat(upperCase.statusCode()).isEqualTo(400);
    }

    @Test
    void timesLimitsARuleThenLaterRulesAnswer() throws IOException {
        start("""
                {"rules": [
                  {"name": "twice", "times": 2, "response": {"content": "early"}},
                  {"name": "after", "response": {"content": "late"}}]}
                """);

        assertThat(content(post(server, chatBody("m", true, "a")))).isEqualTo("early");
        assertThat(content(post(server, chatBody("m", false, "a")))).isEqualTo("early");
        assertThat(content(post(server, chatBody("m", true, "a")))).isEqualTo("late");
        assertThat(content(post(server, chatBody("m", true, "a")))).isEqualTo("late");
    }

    @Test
    void faultInjection503OnceThenSuccess() throws IOException {
        start("""
                {"name": "flaky", "rules": [
                  {"name": "overloaded", "times": 1, "response": {"status": 503, "errorMessage": "overloaded"}},
                  {"name": "ok", "response": {"content": "fine"}}]}
                """);

        HttpResponse<String> failed = post(server, chatBody("executor", true, "go"));
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(errorMessage(failed)).isEqualTo("simulated model: overloaded");
        assertThat(json(failed.body()).path("error").path("type").asText()).isEqualTo("server_error");
        assertThat(json(failed.body()).path("error").has("code")).isTrue();

        HttpResponse<String> retried = post(server, chatBody("executor", true, "go"));
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(content(retried)).isEqualTo("fine");
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void rateLimitSendsRetryAfterAndDefaultMessage() throws IOException {
        start("""
                {"rules": [{"name": "limited", "response": {"status": 429}}]}
                """);

        HttpResponse<String> response = post(server, chatBody("m", true, "go"));

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("0");
        assertThat(errorMessage(response)).startsWith("simulated model: ");
    }

    @Test
    void noMatchingRuleIsA400NamingModelAndScenario() throws IOException {
        start("""
                {"name": "picky", "rules": [{"name": "only planner", "match": {"model": "planner"},
                  "response": {"content": "x"}}]}
                """);

        HttpResponse<String> response = post(server, chatBody("executor-7b", true, "go"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(errorMessage(response))
                .isEqualTo("simulated model: no scenario rule matches (model=executor-7b, scenario=picky)");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void malformedRequestsAreRejectedWithClearMessages() throws IOException {
        start("""
                {"rules": [{"name": "any", "response": {"content": "x"}}]}
                """);

        HttpResponse<String> notJson = post(server, "{\"model\": \"m\", \"messages\": [");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(errorMessage(notJson)).startsWith("simulated model: request body is not valid JSON");
        assertThat(json(notJson.body()).path("error").path("type").asText()).isEqualTo("invalid_request_error");

        HttpResponse<String> noMessages = post(server, "{\"model\": \"m\"}");
        assertThat(noMessages.statusCode()).isEqualTo(400);
        assertThat(errorMessage(noMessages)).contains("'messages'");

        HttpResponse<String> noModel = post(server, "{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}");
        assertThat(noModel.statusCode()).isEqualTo(400);
        assertThat(errorMessage(noModel)).contains("'model'");
        assertThat(server.requestCount()).isEqualTo(3);
    }

    @Test
    void contentPartsArraysCountAsText() throws IOException {
        start("""
                {"rules": [{"name": "parts", "match": {"contains": ["from a part"]}, "response": {"content": "seen"}}]}
                """);

        String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "[{\"type\":\"text\",\"text\":\"from a part\"}]}]}";

        assertThat(content(post(server, body))).isEqualTo("seen");
    }
}
