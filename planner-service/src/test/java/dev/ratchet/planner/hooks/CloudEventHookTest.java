package dev.ratchet.planner.hooks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.net.URL;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.testing.Examples;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.SimulatedModelResource;
import dev.ratchet.testing.TestKeys;
import dev.ratchet.workspace.Git;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;

/**
 * {@code POST /hooks/cloudevents} as a CI system calls it: a CloudEvent in structured or binary mode with the team's
 * key starts one session on the mapped clone, the same event again starts nothing, and every refusal is named.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(SimulatedModelResource.class)
class CloudEventHookTest {

    static final String PROBLEM = "application/problem+json";
    static final String GITLAB = "com.gitlab.pipeline.failed";
    static String head;

    @Inject
    RedisDataSource redis;

    @TestHTTPResource
    URL base;

    @BeforeAll
    static void mappedClone() {
        head = MappedClone.fresh();
    }

    @BeforeEach
    void teamKey() {
        TestKeys.authorize(redis);
    }

    private static String gitlab(String id, String project, String sha) {
        return MappedClone.gitlabPipelineFailed(id, project, sha, 981);
    }

    private static ValidatableResponse structured(String event) {
        return given().contentType("application/cloudevents+json; charset=utf-8").body(event)
                .post("/hooks/cloudevents").then();
    }

    @Test
    void aStructuredEventStartsOneSessionAtItsCommitAndTheSameEventAgainStartsNothing() {
        String id = UUID.randomUUID().toString();

        String session = structured(gitlab(id, "acme/app", head)).statusCode(201)
                .header("Location", startsWith(base.toString().replaceFirst("/$", "") + "/api/v1/sessions/"))
                .body("status", equalTo("started")).body("id", equalTo(id))
                .body("reason", equalTo(GITLAB + " on acme/app at " + head)).extract().path("session");

        Map<String, String> stored = redis.hash(String.class).hgetall(RedisKeys.session(session));
        assertThat(stored).containsEntry("baseCommit", head).containsEntry("team", TestKeys.TEAM)
                .containsEntry("goal", "Make pipeline 981 pass on main");
        structured(gitlab(id, "acme/app", head)).statusCode(200).body("status", equalTo("duplicate"))
                .body("session", equalTo(session));
        assertThat(redis.sortedSet(String.class).zrange(RedisKeys.SESSIONS, 0, -1)).containsOnlyOnce(session);
    }

    @Test
    void aBinaryEventStartsASessionAtTheClonesHead() {
        String session = given().header("ce-specversion", "1.0").header("ce-id", UUID.randomUUID().toString())
                .header("ce-source", "/jenkins/acme").header("ce-type", "org.jenkins.build.failed")
                .header("ce-subject", "acme/app").contentType("application/json").body("{\"build\": 12}")
                .post("/hooks/cloudevents").then().statusCode(201).body("reason", equalTo(
                        "org.jenkins.build.failed on acme/app")).extract().path("session");

        assertThat(redis.hash(String.class).hgetall(RedisKeys.session(session)))
                .containsEntry("baseCommit", head).containsEntry("goal", "Make the acme/app build pass");
    }

    @Test
    void brokenEventsAreProblemsNamingTheAttribute() {
        structured("{\"specversion\": \"1.0\", \"id\": \"1\", \"source\": \"/gl\"}").statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("type"))
                .body("errors[0].message", equalTo("is required"));
        given().header("ce-specversion", "1.0").header("ce-id", "1").header("ce-type", "org.jenkins.build.failed")
                .contentType("application/json").body("{}").post("/hooks/cloudevents").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("ce-source"));
        structured(gitlab("2", "acme/app", head).replace("\"ref\": \"main\", ", "")).statusCode(400)
                .body("errors[0].field", equalTo("data.ref"))
                .body("errors[0].message", equalTo("is required by the template of type " + GITLAB));
        given().contentType("application/json").body("{}").post("/hooks/cloudevents").then().statusCode(415)
                .contentType(PROBLEM);
        given().contentType("application/cloudevents-batch+json").body("[]").post("/hooks/cloudevents").then()
                .statusCode(415).body("detail", equalTo("batched CloudEvents are not taken: send each event on its "
                        + "own"));
    }

    @Test
    void anEventOverTheApisBodyLimitIs413BeforeItIsRead() {
        structured("{\"specversion\": \"1.0\", \"id\": \"big\", \"source\": \"/gl\", \"type\": \"" + GITLAB
                + "\", \"data\": {\"padding\": \"" + "x".repeat(1_100_000) + "\"}}").statusCode(413)
                .contentType(PROBLEM);
    }

    @Test
    void unmappedTypesAndRepositoriesAreIgnoredWithTheSettingToAdd() {
        structured("{\"specversion\": \"1.0\", \"id\": \"3\", \"source\": \"/tekton\", \"type\": \"dev.tekton.event"
                + ".pipelinerun.failed.v1\"}").statusCode(202).body("status", equalTo("ignored"))
                .body("reason", startsWith("type dev.tekton.event.pipelinerun.failed.v1 is not mapped"));
        structured(gitlab("4", "acme/unknown", head)).statusCode(202).body("reason", equalTo("repository "
                + "acme/unknown is not mapped to a local clone (ratchet.hooks.cloudevents.repos.\"acme/unknown\""
                + ".path and .team)"));
    }

    @Test
    void aKeyIsRequiredAndOnlyTheRepositorysTeamMayStartSessionsOnIt() {
        String id = UUID.randomUUID().toString();
        structured(gitlab(id, "other/app", head)).statusCode(403).contentType(PROBLEM);
        assertThat(redis.key().exists(RedisKeys.cloudEvent("https://gitlab.example.com/other/app", id)))
                .as("a refused event claims nothing").isFalse();

        RestAssured.requestSpecification = null;
        structured(gitlab(id, "acme/app", head)).statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void aRepositoryMappedWithACloneUrlIsClonedAndTheEventsCommitFetchedBeforeItsSession() {
        Path tests = Path.of(System.getProperty("java.io.tmpdir"), "ratchet-cloudevent-tests");
        String originHead = Git.headCommit(Examples.freshGitCopy("textstats", tests.resolve("remote-origin")));
        Examples.deleteTree(tests.resolve("kept"));

        String session = structured(MappedClone.gitlabPipelineFailed(UUID.randomUUID().toString(), "acme/remote",
                originHead, 982)).statusCode(201).extract().path("session");

        assertThat(Git.headCommit(tests.resolve("kept/remote"))).isEqualTo(originHead);
        assertThat(redis.hash(String.class).hgetall(RedisKeys.session(session))).containsEntry("baseCommit",
                originHead).containsEntry("repo", tests.resolve("kept/remote").toString());
    }
}
