package dev.ratchet.planner.cluster;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.auth.Role;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.Topics;
import dev.ratchet.runtime.lifecycle.InstanceId;
import dev.ratchet.runtime.work.Lease;
import dev.ratchet.runtime.work.WorkLeases;
import dev.ratchet.testing.KafkaProbe;
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

/**
 * {@code GET /api/v1/cluster} on a real broker and Redis, with no executor, verifier or registry running: the
 * planner is up, the others are judged by their consumer groups (empty: DOWN) and the registry's health (refused:
 * DOWN, naming why), the dead-letter topics are counted, and a step whose executor lease is held shows in flight
 * under the lease's owner. Admins only.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(SimulatedModelResource.class)
class ClusterApiTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    RedisDataSource redis;

    @Inject
    WorkLeases leases;

    @Inject
    InstanceId instance;

    @Test
    void onlyAnAdminKeySeesTheCluster() {
        RestAssured.requestSpecification = null;
        given().get("/api/v1/cluster").then().statusCode(401).contentType("application/problem+json");
        TestKeys.authorize(redis);
        given().get("/api/v1/cluster").then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("the cluster view needs an admin key"));
    }

    @Test
    void servicesBacklogDeadLettersAndAStepHeldByItsLeaseOwner() {
        TestKeys.authorize(redis);
        String repo = TextstatsSample.create().repo.toString();
        String id = given().contentType(ContentType.JSON).body(Map.of("repo", "file://" + repo, "goal",
                "Add word statistics to textstats", "checks", List.of(Map.of("name", "unit-tests", "command",
                        "python3 -m unittest", "timeoutSeconds", 60)))).post("/api/v1/sessions").then().statusCode(201).extract()
                .path("id");
        StepRequested request = await().atMost(WAIT).until(() -> KafkaProbe.shared().events(StepRequested.class,
                e -> e.sessionId().equals(id) && e.stepId().equals("s1")), list -> !list.isEmpty()).get(0);
        Lease lease = leases.acquire(id, Lease.field("executor", request.eventId())).lease().orElseThrow();
        TestKeys.use(TestKeys.issue(redis, "platform", Role.ADMIN));
        try {
            await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/cluster").then().statusCode(200)
                    .body("errors", equalTo(List.of()))
                    .body("services.find { it.name == 'planner' }.status", equalTo("UP"))
                    .body("services.find { it.name == 'executor' }.status", equalTo("DOWN"))
                    .body("services.find { it.name == 'executor' }.detail", containsString("working: "
                            + instance.value()))
                    .body("services.find { it.name == 'skills-registry' }.status", equalTo("DOWN"))
                    .body("services.find { it.name == 'skills-registry' }.detail",
                            containsString("http://127.0.0.1:1"))
                    .body("groups.find { it.group == 'ratchet-planner' }.members", greaterThanOrEqualTo(1))
                    .body("groups.find { it.group == 'ratchet-executors' }.topic", equalTo(Topics.STEPS_REQUESTED))
                    .body("deadLetters.topic", hasItems(Topics.deadLetter(Topics.STEPS_VERDICTS)))
                    .body("inFlight.find { it.sessionId == '" + id + "' }.owner", equalTo(instance.value()))
                    .body("inFlight.find { it.sessionId == '" + id + "' }.stepId", equalTo("s1")));
        } finally {
            leases.abandon(lease);
        }
    }
}
