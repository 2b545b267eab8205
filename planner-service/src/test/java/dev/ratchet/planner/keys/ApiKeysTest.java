package dev.ratchet.planner.keys;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.auth.ApiKey;
import dev.ratchet.core.auth.Role;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.SimulatedModelResource;
import dev.ratchet.testing.TestKeys;
import dev.ratchet.testing.TextstatsSample;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Keys and teams on the platform API: every {@code /api/} route answers 401 without a valid key, a team reaches
 * only its own sessions, only admins manage keys, a revoked key is refused from its next call, and a session's
 * repository must lie under its team's roots.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(SimulatedModelResource.class)
class ApiKeysTest {

    static Path repo;

    @Inject
    RedisDataSource redis;

    @BeforeAll
    static void sampleRepository() {
        repo = TextstatsSample.create().repo;
    }

    @BeforeEach
    void noDefaultKey() {
        RestAssured.requestSpecification = null;
    }

    @Test
    void everyApiRouteWithoutAKeyIsUnauthorizedWithABearerChallenge() {
        for (String path : List.of("/api/v1/sessions", "/api/v1/sessions/3f2c9a4e-8d1b-4c6f-9e2a-7b5d1c0e4f3a",
                "/api/v1/sessions/3f2c9a4e-8d1b-4c6f-9e2a-7b5d1c0e4f3a/events", "/api/v1/keys")) {
            unauthorized(given().get(path), path).body("detail", equalTo("send Authorization: Bearer <key>"));
        }
        unauthorized(given().contentType(ContentType.JSON).body(Map.of("goal", "x")).post("/api/v1/sessions"),
                "/api/v1/sessions");
        unauthorized(given().delete("/api/v1/keys/0123456789abcdef"), "/api/v1/keys/0123456789abcdef");
    }

    @Test
    void healthAndMetricsStayOpen() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void wrongSchemeMalformedUnknownAndWrongSecretAreAllUnauthorized() {
        String valid = TestKeys.issue(redis, TestKeys.TEAM, Role.MEMBER);
        ApiKey key = ApiKey.parse(valid).orElseThrow();
        String wrongSecret = new ApiKey(key.id(), "A".repeat(43)).token();
        String unknownId = new ApiKey("0123456789abcdef", key.secret()).token();

        unauthorized(with("Basic " + valid).get("/api/v1/sessions"), "/api/v1/sessions")
                .body("detail", containsString("Bearer scheme"));
        for (String token : List.of("rk_nonsense", valid + "x", wrongSecret, unknownId)) {
            unauthorized(with(TestKeys.bearer(token)).get("/api/v1/sessions"), "/api/v1/sessions")
                    .body("detail", equalTo("the key is unknown or revoked"));
        }
        with(TestKeys.bearer(valid)).get("/api/v1/sessions").then().statusCode(200);
        with("bearer " + valid).get("/api/v1/sessions").then().statusCode(200);
    }

    @Test
    void adminCreatesAKeyShownOnceAndRevocationTakesEffectOnTheNextCall() {
        String admin = TestKeys.bearer(TestKeys.issue(redis, "platform", Role.ADMIN));

        Map<String, Object> created = with(admin).contentType(ContentType.JSON).body(Map.of("team", "payments"))
                .post("/api/v1/keys").then().statusCode(201).header("Location", containsString("/api/v1/keys/"))
                .body("team", equalTo("payments")).body("role", equalTo("MEMBER")).extract().as(Map.class);
        String token = (String) created.get("key");
        String id = (String) created.get("id");
        assertThat(ApiKey.parse(token)).hasValueSatisfying(k -> assertThat(k.id()).isEqualTo(id));
        assertThat(redis.hash(String.class).hgetall(RedisKeys.apiKey(id))).doesNotContainValue(token)
                .doesNotContainValue(ApiKey.parse(token).orElseThrow().secret()).containsEntry("team", "payments");

        with(TestKeys.bearer(token)).get("/api/v1/sessions").then().statusCode(200);
        with(admin).get("/api/v1/keys").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.lastUsedAt", notNullValue())
                .body("find { it.id == '" + id + "' }.key", nullValue())
                .body("key", not(hasItem(token)));

        with(admin).delete("/api/v1/keys/" + id).then().statusCode(204);
        unauthorized(with(TestKeys.bearer(token)).get("/api/v1/sessions"), "/api/v1/sessions");
        with(admin).delete("/api/v1/keys/" + id).then().statusCode(404);
        assertThat(redis.key().exists(RedisKeys.apiKey(id))).isFalse();
    }

    @Test
    void memberKeysManageNoKeys() {
        String member = TestKeys.bearer(TestKeys.issue(redis, TestKeys.TEAM, Role.MEMBER));

        with(member).contentType(ContentType.JSON).body(Map.of("team", "payments")).post("/api/v1/keys").then()
                .statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("creating a key needs an admin key"));
        with(member).get("/api/v1/keys").then().statusCode(403);
        with(member).delete("/api/v1/keys/0123456789abcdef").then().statusCode(403);
    }

    @Test
    void invalidKeyRequestsNameTheField() {
        String admin = TestKeys.bearer(TestKeys.issue(redis, "platform", Role.ADMIN));

        with(admin).contentType(ContentType.JSON).body(Map.of("team", "Not A Team")).post("/api/v1/keys").then()
                .statusCode(400).body("errors[0].field", equalTo("team"));
        with(admin).contentType(ContentType.JSON).body(Map.of("team", "a", "role", "x")).post("/api/v1/keys")
                .then().statusCode(400);
        with(admin).delete("/api/v1/keys/not-a-key").then().statusCode(400).body("errors[0].field",
                equalTo("id"));
    }

    @Test
    void aTeamReachesOnlyItsOwnSessionsAndAnAdminReachesEvery() {
        String mine = TestKeys.bearer(TestKeys.issue(redis, TestKeys.TEAM, Role.MEMBER));
        String other = TestKeys.bearer(TestKeys.issue(redis, "elsewhere", Role.MEMBER));
        String admin = TestKeys.bearer(TestKeys.issue(redis, "platform", Role.ADMIN));
        String id = with(mine).contentType(ContentType.JSON).body(session(repo)).post("/api/v1/sessions").then()
                .statusCode(201).extract().path("id");
        assertThat(redis.hash(String.class).hget(RedisKeys.session(id), "team")).isEqualTo(TestKeys.TEAM);

        for (String path : List.of("", "/files/PLAN.md", "/events")) {
            with(other).get("/api/v1/sessions/" + id + path).then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("detail", equalTo("session " + id + " belongs to another team than elsewhere's"));
        }
        with(other).get("/api/v1/sessions").then().statusCode(200).body("items.id", not(hasItem(id)));
        with(mine).get("/api/v1/sessions/" + id).then().statusCode(200);
        with(mine).get("/api/v1/sessions").then().statusCode(200).body("items.id", hasItem(id));
        with(admin).get("/api/v1/sessions/" + id).then().statusCode(200);
        with(admin).get("/api/v1/sessions?limit=500").then().statusCode(200).body("items.id", hasItem(id));
    }

    @Test
    void repositoryOutsideTheTeamsRootsIsForbiddenNamingRepo() throws Exception {
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "ratchet-elsewhere"));
        String elsewhere = TestKeys.bearer(TestKeys.issue(redis, "elsewhere", Role.MEMBER));
        String unconfigured = TestKeys.bearer(TestKeys.issue(redis, "nobody", Role.MEMBER));

        with(elsewhere).contentType(ContentType.JSON).body(session(repo)).post("/api/v1/sessions").then()
                .statusCode(403).contentType("application/problem+json").body("errors[0].field", equalTo("repo"))
                .body("errors[0].message", containsString("under none of team elsewhere's repository roots"));
        with(unconfigured).contentType(ContentType.JSON).body(session(repo)).post("/api/v1/sessions").then()
                .statusCode(403).body("errors[0].message", equalTo("team nobody has no repository roots "
                        + "(ratchet.teams.nobody.repo-roots), so it may use no repository"));
        with(elsewhere).get("/api/v1/sessions").then().statusCode(200).body("items", empty());
    }

    @Test
    void bootstrapKeyFromTheKeyFileIsAnAdminKeyOfTheDevTeam() throws Exception {
        String token = Files.readString(Path.of("src/test/resources/bootstrap-api-key")).strip();

        with(TestKeys.bearer(token)).get("/api/v1/keys").then().statusCode(200)
                .body("find { it.id == '00000000000b0075' }.team", equalTo("dev"))
                .body("find { it.id == '00000000000b0075' }.role", equalTo("ADMIN"));
    }

    private static Map<String, Object> session(Path repo) {
        return Map.of("repo", repo.toString(), "goal", "Add word statistics to textstats", "checks",
                List.of(Map.of("name", "unit-tests", "command", "python3 -m unittest discover -s tests -t .",
                        "timeoutSeconds", 60)));
    }

    private static RequestSpecification with(String authorization) {
        return given().header("Authorization", authorization);
    }

    private static ValidatableResponse unauthorized(Response response, String path) {
        return response.then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer realm=\"ratchet\"")
                .body("type", equalTo("urn:ratchet:problem:unauthorized")).body("instance", equalTo(path));
    }
}
