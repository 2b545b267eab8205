package dev.ratchet.planner.hooks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.Topics;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.Meters;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.SimulatedModelResource;
import dev.ratchet.testing.TestKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * CI systems' CloudEvents written to {@code ratchet.ci.events} as the Kafka protocol binding has them: a record in
 * structured or binary mode starts one session on the mapped clone (the same templates and repositories as
 * {@code POST /hooks/cloudevents}, mapped in the test's application.properties), the same event again starts
 * nothing (whichever way it comes), and what cannot start a session is dead-lettered with the reason while the
 * consumer goes on.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(SimulatedModelResource.class)
class CiEventTopicTest {

    static final String GITLAB_SOURCE = "https://gitlab.example.com/acme/app";
    static final Duration AT_MOST = Duration.ofSeconds(30);
    static String head;

    @Inject
    RedisDataSource redis;

    @BeforeAll
    static void mappedClone() {
        head = MappedClone.fresh();
    }

    @BeforeEach
    void teamKey() {
        TestKeys.authorize(redis);
    }

    private static RecordMetadata structured(String event) {
        return KafkaProbe.shared().sendRaw(Topics.CI_EVENTS, "acme/app", event,
                Map.of("content-type", "application/cloudevents+json; charset=UTF-8"));
    }

    /** The session an event started: HookDeliveries keeps its id under the event's source and id. */
    private String awaitSession(String source, String id) {
        return await().atMost(AT_MOST).until(() -> redis.value(String.class).get(RedisKeys.cloudEvent(source, id)),
                s -> s != null && !s.equals("pending"));
    }

    private ConsumerRecord<String, String> awaitDeadLetter(RecordMetadata sent) {
        return await().atMost(AT_MOST).until(() -> KafkaProbe.shared().records(Topics.deadLetter(Topics.CI_EVENTS))
                .stream().filter(r -> KafkaProbe.header(r, "dead-letter-offset").equals(Optional.of(
                        Long.toString(sent.offset()))) && KafkaProbe.header(r, "dead-letter-partition").equals(
                                Optional.of(Integer.toString(sent.partition())))).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    @Test
    void aStructuredRecordStartsOneSessionAndTheSameEventAgainOnEitherWayStartsNothing() {
        String id = UUID.randomUUID().toString();

        structured(MappedClone.gitlabPipelineFailed(id, "acme/app", head, 4101));
        String session = awaitSession(GITLAB_SOURCE, id);

        assertThat(redis.hash(String.class).hgetall(RedisKeys.session(session))).containsEntry("baseCommit", head)
                .containsEntry("team", "test").containsEntry("goal", "Make pipeline 4101 pass on main");
        RecordMetadata again = structured(MappedClone.gitlabPipelineFailed(id, "acme/app", head, 4101));
        KafkaProbe.shared().awaitHandled("ratchet-planner-ci", again, AT_MOST);
        given().contentType("application/cloudevents+json").body(MappedClone.gitlabPipelineFailed(id, "acme/app", head, 4101))
                .post("/hooks/cloudevents").then().statusCode(200).body("status", equalTo("duplicate"))
                .body("session", equalTo(session));
        assertThat(redis.sortedSet(String.class).zrange(RedisKeys.SESSIONS, 0, -1)).containsOnlyOnce(session);
        assertThat(KafkaProbe.shared().recordsToEnd(Topics.deadLetter(Topics.CI_EVENTS), Duration.ofSeconds(5)))
                .noneMatch(r -> r.value() != null && r.value().contains(id));
    }

    @Test
    void aBinaryRecordStartsASessionAtTheClonesHead() {
        String id = UUID.randomUUID().toString();

        KafkaProbe.shared().sendRaw(Topics.CI_EVENTS, "acme/app", "{\"build\": 77}", Map.of("ce_specversion", "1.0",
                "ce_id", id, "ce_source", "/jenkins/acme", "ce_type", "org.jenkins.build.failed", "ce_subject",
                "acme/app", "content-type", "application/json"));

        String session = awaitSession("/jenkins/acme", id);
        assertThat(redis.hash(String.class).hgetall(RedisKeys.session(session))).containsEntry("baseCommit", head)
                .containsEntry("goal", "Make the acme/app build pass");
    }

    @Test
    void whatCannotStartASessionIsDeadLetteredWithTheReasonAndTheConsumerGoesOn() {
        String lacking = UUID.randomUUID().toString();
        String foreign = UUID.randomUUID().toString();
        RecordMetadata noEvent = KafkaProbe.shared().sendRaw(Topics.CI_EVENTS, "k", "{\"build\": 1}",
                Map.of("content-type", "application/json"));
        RecordMetadata noRef = structured(MappedClone.gitlabPipelineFailed(lacking, "acme/app", head, 4102).replace("\"ref\": \"main\", ", ""));
        // other/app is the team "elsewhere"'s, whose roots do not hold the clone.
        RecordMetadata outsideRoots = structured(MappedClone.gitlabPipelineFailed(foreign, "other/app", head, 4103));
        String after = UUID.randomUUID().toString();
        structured(MappedClone.gitlabPipelineFailed(after, "acme/app", head, 4104));

        assertThat(KafkaProbe.header(awaitDeadLetter(noEvent), "dead-letter-reason").orElseThrow()).contains(
                "not a valid CloudEvent: ce_specversion: is missing");
        assertThat(KafkaProbe.header(awaitDeadLetter(noRef), "dead-letter-reason").orElseThrow()).contains("CloudEvent " + lacking
                + " from " + GITLAB_SOURCE + " lacks what its template reads: data.ref: is required");
        assertThat(KafkaProbe.header(awaitDeadLetter(outsideRoots), "dead-letter-reason").orElseThrow())
                .startsWith("CloudEvent " + foreign + " from https://gitlab.example.com/other/app cannot start a "
                        + "session: 403 Repository not allowed: repo: resolves to");
        assertThat(awaitSession(GITLAB_SOURCE, after)).isNotBlank();
        assertThat(redis.key().exists(RedisKeys.cloudEvent("https://gitlab.example.com/other/app", foreign)))
                .as("a refused event leaves no claim, so its replay may start it").isFalse();
    }

    @Test
    void unmappedTypesAreCountedAsIgnoredNotDeadLettered() {
        RecordMetadata sent = structured("{\"specversion\": \"1.0\", \"id\": \"" + UUID.randomUUID() + "\", \"source\":"
                + " \"/tekton\", \"type\": \"dev.tekton.event.pipelinerun.failed.v1\"}");

        KafkaProbe.shared().awaitHandled("ratchet-planner-ci", sent, AT_MOST);
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(Meters.find(scrape, "ratchet_planner_ci_events_total", Map.of("outcome", "ignored")))
                .isNotEmpty();
        List<ConsumerRecord<String, String>> dead = KafkaProbe.shared().recordsToEnd(
                Topics.deadLetter(Topics.CI_EVENTS), Duration.ofSeconds(5));
        assertThat(dead).noneMatch(r -> KafkaProbe.header(r, "dead-letter-offset").equals(Optional.of(
                Long.toString(sent.offset()))) && KafkaProbe.header(r, "dead-letter-partition").equals(Optional.of(
                        Integer.toString(sent.partition()))));
    }
}
