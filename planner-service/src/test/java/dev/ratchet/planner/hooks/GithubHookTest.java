package dev.ratchet.planner.hooks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ratchet.core.hooks.HubSignature;
import dev.ratchet.core.json.Json;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.testing.Examples;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.SimulatedModelResource;
import dev.ratchet.workspace.Git;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * {@code POST /hooks/github} as GitHub calls it: signed deliveries of every octokit payload example (and failing
 * variants of them), refused signatures before anything is parsed, redeliveries deduplicated, oversize bodies.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(SimulatedModelResource.class)
class GithubHookTest {

    static final String SECRET = "It's a Secret to Everybody";
    static final String PROBLEM = "application/problem+json";
    static Path clone;
    static String head;

    @Inject
    RedisDataSource redis;

    @TestHTTPResource
    URL base;

    @BeforeAll
    static void mappedClone() {
        clone = Path.of(System.getProperty("java.io.tmpdir"), "ratchet-hook-tests", "octo-repo");
        head = Git.headCommit(Examples.freshGitCopy("textstats", clone));
    }

    @BeforeEach
    void noApiKey() {
        RestAssured.requestSpecification = null;
    }

    @Test
    void everyFixturePayloadIsAnsweredWithWhatWasDoneAndWhy() throws IOException {
        Map<String, String> ignored = Map.of(
                "workflow_run.completed.payload.json", "workflow_run concluded success: only failures start a session",
                "workflow_run.completed.with-pull-requests.payload.json",
                "workflow_run concluded success: only failures start a session",
                "workflow_run.requested.payload.json", "workflow_run requested: only completed runs start a session",
                "check_run.completed.payload.json", "check_run concluded success: only failures start a session",
                "check_suite.completed.payload.json", "event check_suite is not mapped to a session",
                "pull_request.opened.payload.json", "pull_request sessions (review only) are not built yet",
                "issue_comment.created.payload.json", "comment on an issue, not on a pull request",
                "push.payload.json", "event push is not mapped to a session");
        for (Map.Entry<String, String> fixture : ignored.entrySet()) {
            String file = fixture.getKey();
            byte[] body = fixture(file);
            String event = file.substring(0, file.indexOf('.'));
            deliver(event, UUID.randomUUID().toString(), body, HubSignature.sign(SECRET, body)).statusCode(202)
                    .body("status", equalTo("ignored")).body("reason", equalTo(fixture.getValue()));
        }
        byte[] ping = "{\"zen\": \"Keep it logically awesome.\", \"hook_id\": 1}".getBytes(StandardCharsets.UTF_8);
        deliver("ping", UUID.randomUUID().toString(), ping, HubSignature.sign(SECRET, ping)).statusCode(200)
                .body("status", equalTo("pong"));
    }

    @Test
    void failedWorkflowRunStartsOneSessionAtItsHeadShaAndTheRedeliveryStartsNothing() throws IOException {
        byte[] body = failedRun(head);
        String delivery = UUID.randomUUID().toString();

        String id = deliver("workflow_run", delivery, body, HubSignature.sign(SECRET, body)).statusCode(201)
                .header("Location", startsWith(base.toString().replaceFirst("/$", "") + "/api/v1/sessions/"))
                .body("status", equalTo("started")).extract().path("session");

        Map<String, String> session = redis.hash(String.class).hgetall(RedisKeys.session(id));
        assertThat(session).containsEntry("baseCommit", head).containsEntry("team", "test")
                .containsEntry("goal", "Make the failing workflow 'test' pass on master at " + head
                        + ": find why it fails and fix the code (not the workflow)");
        assertThat(Path.of(session.get("repo")).toRealPath()).isEqualTo(clone.toRealPath());
        deliver("workflow_run", delivery, body, HubSignature.sign(SECRET, body)).statusCode(200)
                .body("status", equalTo("duplicate")).body("session", equalTo(id))
                .body("reason", equalTo("delivery " + delivery + " was handled already"));
        assertThat(redis.sortedSet(String.class).zrange(RedisKeys.SESSIONS, 0, -1)).containsOnlyOnce(id);
    }

    @Test
    void aCommitTheCloneLacksIs422AndTheRedeliveryMayTryAgain() throws IOException {
        byte[] missing = failedRun("0123456789abcdef0123456789abcdef01234567");
        String delivery = UUID.randomUUID().toString();

        deliver("workflow_run", delivery, missing, HubSignature.sign(SECRET, missing)).statusCode(422)
                .contentType(PROBLEM).body("errors[0].field", equalTo("revision"));
        assertThat(redis.key().exists(RedisKeys.githubDelivery(delivery))).isFalse();
        byte[] fetched = failedRun(head);
        deliver("workflow_run", delivery, fetched, HubSignature.sign(SECRET, fetched)).statusCode(201);
    }

    @Test
    void unmappedRepositoryIsIgnoredWithTheSettingToAdd() throws IOException {
        ObjectNode payload = (ObjectNode) Json.mapper().readTree(fixture("check_run.completed.payload.json"));
        ((ObjectNode) payload.path("check_run")).put("conclusion", "failure");
        byte[] body = Json.mapper().writeValueAsBytes(payload);

        deliver("check_run", UUID.randomUUID().toString(), body, HubSignature.sign(SECRET, body)).statusCode(202)
                .body("reason", equalTo("repository Codertocat/Hello-World is not mapped to a local clone "
                        + "(ratchet.hooks.github.repos.\"Codertocat/Hello-World\".path and .team)"));
    }

    @Test
    void missingMalformedWrongPrefixAndWrongSignaturesAre401BeforeTheBodyIsParsed() throws IOException {
        byte[] body = "this is not JSON".getBytes(StandardCharsets.UTF_8);
        String delivery = UUID.randomUUID().toString();
        String valid = HubSignature.sign(SECRET, body);

        unauthorized(deliver("workflow_run", delivery, body, null), "no X-Hub-Signature-256 header");
        unauthorized(deliver("workflow_run", delivery, body, "sha1=" + valid.substring(7)),
                "X-Hub-Signature-256 must be sha256= and 64 hex digits");
        unauthorized(deliver("workflow_run", delivery, body, valid.substring(0, valid.length() - 1)),
                "X-Hub-Signature-256 must be sha256= and 64 hex digits");
        unauthorized(deliver("workflow_run", delivery, body, HubSignature.sign("another secret", body)),
                "X-Hub-Signature-256 does not match the body under the configured secret");
        deliver("workflow_run", delivery, body, valid).statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("body"));
    }

    @Test
    void githubsPublishedTestVectorPassesTheSignatureCheck() {
        byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);

        // Signed right, so it gets as far as parsing: "Hello, World!" is not a JSON object.
        deliver("ping", UUID.randomUUID().toString(), body,
                "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17").statusCode(400)
                .body("errors[0].field", equalTo("body"));
    }

    @Test
    void signedDeliveriesWithoutEventOrDeliveryHeadersAreNamed() throws IOException {
        byte[] body = fixture("push.payload.json");
        String signature = HubSignature.sign(SECRET, body);

        given().header("X-Hub-Signature-256", signature).header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .contentType("application/json").body(body).post("/hooks/github").then().statusCode(400)
                .body("errors[0].field", equalTo("X-GitHub-Event"));
        deliver("push", "../../etc", body, signature).statusCode(400)
                .body("errors[0].field", equalTo("X-GitHub-Delivery"));
    }

    @Test
    void aDeliveryLargerThanTheApiLimitButUnder25MibIsRead() throws IOException {
        ObjectNode payload = (ObjectNode) Json.mapper().readTree(fixture("workflow_run.completed.payload.json"));
        payload.put("padding", "x".repeat(2_000_000));
        byte[] body = Json.mapper().writeValueAsBytes(payload);

        deliver("workflow_run", UUID.randomUUID().toString(), body, HubSignature.sign(SECRET, body)).statusCode(202)
                .body("reason", equalTo("workflow_run concluded success: only failures start a session"));
    }

    /** Only the headers are sent: the answer comes before a byte of the body is read. */
    @Test
    void aBodyOver25MibIs413() throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /hooks/github HTTP/1.1\r\nHost: " + base.getHost()
                    + "\r\nContent-Type: application/json\r\nX-GitHub-Event: push\r\nContent-Length: 30000000\r\n"
                    + "Expect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 413 ").containsIgnoringCase("content-type: " + PROBLEM);
            JsonNode problem = Json.mapper().readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            assertThat(problem.path("detail").asText())
                    .isEqualTo("the body has 30000000 bytes; at most 26214400 are accepted");
        }
    }

    private static byte[] failedRun(String sha) throws IOException {
        ObjectNode payload = (ObjectNode) Json.mapper().readTree(fixture("workflow_run.completed.payload.json"));
        ((ObjectNode) payload.path("workflow_run")).put("conclusion", "failure").put("head_sha", sha);
        return Json.mapper().writeValueAsBytes(payload);
    }

    private static ValidatableResponse deliver(String event, String delivery, byte[] body, String signature) {
        RequestSpecification request = given().header("X-GitHub-Event", event).header("X-GitHub-Delivery", delivery)
                .contentType("application/json").body(body);
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return request.post("/hooks/github").then();
    }

    private static void unauthorized(ValidatableResponse response, String detail) {
        response.statusCode(401).contentType(PROBLEM).body("detail", equalTo(detail));
    }

    private static byte[] fixture(String file) throws IOException {
        try (InputStream in = GithubHookTest.class.getResourceAsStream("/fixtures/github-webhooks/" + file)) {
            return in.readAllBytes();
        }
    }
}
