package dev.ratchet.planner.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.SimulatedModelResource;
import dev.ratchet.testing.TestKeys;
import dev.ratchet.testing.TextstatsSample;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** {@code GET /api/v1/sessions}: newest first, filtered by status and repository, paged with a cursor. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(SimulatedModelResource.class)
class SessionListTest {

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void authorize() {
        TestKeys.authorize(redis);
    }

    @Test
    void pagesFilterByRepositoryAndStatus() {
        Path repo = TextstatsSample.create().repo;
        SessionDriver driver = new SessionDriver(repo);
        List<String> created = new ArrayList<>();
        created.add(driver.start("manual"));
        created.add(driver.start());
        created.add(driver.start());
        new SessionDriver(TextstatsSample.create().repo).start();

        JsonPath first = given().queryParam("repo", repo.toString()).queryParam("limit", 2).get("/api/v1/sessions")
                .then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items.id", String.class)).containsExactly(created.get(2), created.get(1));
        assertThat(first.getString("nextCursor")).isEqualTo(created.get(1));
        given().queryParam("repo", "file://" + repo).queryParam("cursor", first.getString("nextCursor"))
                .get("/api/v1/sessions").then().statusCode(200)
                .body("items.id", equalTo(List.of(created.get(0)))).body("nextCursor", nullValue())
                .body("items[0].repo", equalTo(repo.toString()));

        await().atMost(SessionDriver.WAIT).untilAsserted(() -> given().queryParam("repo", repo.toString())
                .queryParam("status", "AWAITING_APPROVAL").get("/api/v1/sessions").then()
                .body("items.id", equalTo(List.of(created.get(0)))));
    }

    @Test
    void aListedSessionCarriesTheTokensItsAttemptsUsed() {
        String id = new SessionDriver(TextstatsSample.create().repo).completed();

        JsonPath page = given().queryParam("status", "COMPLETED").queryParam("limit", 500).get("/api/v1/sessions")
                .then().statusCode(200).extract().jsonPath();
        int index = page.getList("items.id", String.class).indexOf(id);
        assertThat(index).isNotNegative();
        // three verified steps, each executed with 200 tokens in and 100 out (SessionDriver.executed)
        assertThat(page.getInt("items[" + index + "].usage.tokensIn")).isEqualTo(600);
        assertThat(page.getInt("items[" + index + "].usage.tokensOut")).isEqualTo(300);
    }

    @Test
    void badParametersAreNamed() {
        given().queryParam("status", "DONE").get("/api/v1/sessions").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("status"));
        given().queryParam("cursor", "not-an-id").get("/api/v1/sessions").then().statusCode(400)
                .body("errors.field", hasItem("cursor"));
        given().queryParam("cursor", "3f2c9a4e-8d1b-4c6f-9e2a-7b5d1c0e4f3a").get("/api/v1/sessions").then()
                .statusCode(400).body("errors.field", hasItem("cursor"));
        given().queryParam("repo", "http://example.com/x.git").get("/api/v1/sessions").then().statusCode(400)
                .body("errors.field", hasItem("repo"));
    }
}
