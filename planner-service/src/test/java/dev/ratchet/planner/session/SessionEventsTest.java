package dev.ratchet.planner.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.json.Json;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.planner.session.api.ProgressTail;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.SimulatedModelResource;
import dev.ratchet.testing.TestKeys;
import dev.ratchet.testing.TextstatsSample;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code GET /api/v1/sessions/{id}/events} over real Kafka and Redis: replay and resume, heartbeats, the end after
 * the terminal event, many clients on one session while it moves, and idle clients that cost the shared Redis pool
 * nothing.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(SimulatedModelResource.class)
class SessionEventsTest {

    private String key;

    @BeforeEach
    void authorize() {
        key = TestKeys.authorize(redis);
    }

    static SessionDriver driver;

    @TestHTTPResource
    URL base;

    @Inject
    RedisDataSource redis;

    @Inject
    ProgressTail tail;

    private final List<SseStream> opened = new ArrayList<>();

    @BeforeAll
    static void sampleRepository() {
        driver = new SessionDriver(TextstatsSample.create().repo);
    }

    @AfterEach
    void closeStreams() {
        opened.forEach(SseStream::close);
    }

    @Test
    void replaysAFinishedSessionAndEnds() throws JsonProcessingException {
        String id = driver.completed();
        List<String> stored = storedIds(id);

        SseStream all = open(id, Map.of());
        await().atMost(Duration.ofSeconds(10)).until(all::ended);

        assertThat(all.ids()).containsExactlyElementsOf(stored);
        assertThat(all.events()).extracting(SseStream.Event::name).startsWith("session.created", "session.planned",
                "step.requested").endsWith("step.verified", "session.completed");
        JsonNode first = json(all.events().get(0).data());
        assertThat(first.path("type").asText()).isEqualTo("session.created");
        assertThat(first.path("message").asText()).contains("session " + id + " created");
        assertThat(first.has("at")).isTrue();
        JsonNode requested = json(all.events().get(2).data());
        assertThat(requested.path("stepId").asText()).isEqualTo("s1");
        assertThat(requested.path("attempt").asInt()).isEqualTo(1);
    }

    @Test
    void resumesAfterLastEventIdOrAfterWithNothingMissedOrRepeated() {
        String id = driver.completed();
        List<String> stored = storedIds(id);
        String fourth = stored.get(3);

        SseStream byHeader = open(id, Map.of("Last-Event-ID", fourth));
        SseStream byQuery = open(URI.create(events(id) + "?after=" + fourth), Map.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> byHeader.ended() && byQuery.ended());

        assertThat(byHeader.ids()).containsExactlyElementsOf(stored.subList(4, stored.size()));
        assertThat(byQuery.ids()).containsExactlyElementsOf(stored.subList(4, stored.size()));
    }

    @Test
    void endsAtOnceWhenTheClientHasTheLastEventOfAFinishedSession() {
        String id = driver.completed();
        List<String> stored = storedIds(id);

        SseStream caughtUp = open(id, Map.of("Last-Event-ID", stored.get(stored.size() - 1)));

        await().atMost(Duration.ofSeconds(10)).until(caughtUp::ended);
        assertThat(caughtUp.events()).isEmpty();
    }

    @Test
    void anIdleStreamGetsHeartbeats() {
        String id = driver.start();
        driver.awaitRequest(id, "s1", 1);

        SseStream idle = open(id, Map.of());

        await().atMost(Duration.ofSeconds(10)).until(() -> idle.comments().size() >= 2);
        assertThat(idle.comments()).allMatch("heartbeat"::equals);
        assertThat(idle.ended()).isFalse();
        assertThat(idle.events()).extracting(SseStream.Event::name).contains("step.requested");
    }

    @Test
    void endsAfterTheFailureOfTheSessionItFollows() {
        String id = driver.start();
        StepRequested attempt1 = driver.awaitRequest(id, "s1", 1);
        SseStream following = open(id, Map.of());

        driver.kafka.send(SessionDriver.rejected(attempt1, "check failed", "FAIL 1"));
        driver.kafka.send(SessionDriver.rejected(driver.awaitRequest(id, "s1", 2), "check failed", "FAIL 2"));
        driver.kafka.send(SessionDriver.rejected(driver.awaitRequest(id, "s1", 3), "check failed", "FAIL 3"));
        // The planner model revises the plan once (ratchet.planner.replans); its first step fails every attempt too.
        for (int attempt = 1; attempt <= 3; attempt++) {
            driver.kafka.send(SessionDriver.rejected(driver.awaitRequest(id, "s1r2", attempt), "check failed",
                    "FAIL again " + attempt));
        }

        await().atMost(Duration.ofSeconds(20)).until(following::ended);
        assertThat(following.ids()).containsExactlyElementsOf(storedIds(id));
        assertThat(following.events()).last().extracting(SseStream.Event::name).isEqualTo("session.failed");
    }

    /** 50 clients, half from the start and half resuming, while verdicts move the session to its end. */
    @Test
    void fiftyClientsEachSeeEveryEventOnceInOrderWhileTheSessionCompletes() {
        String id = driver.start();
        driver.awaitRequest(id, "s1", 1);
        String planned = storedIds(id).get(1);
        List<SseStream> fromStart = new ArrayList<>();
        List<SseStream> resuming = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            fromStart.add(open(id, Map.of()));
            resuming.add(open(id, Map.of("Last-Event-ID", planned)));
        }
        List<SseStream> all = new ArrayList<>(fromStart);
        all.addAll(resuming);
        await().atMost(Duration.ofSeconds(20)).until(() -> all.stream()
                .allMatch(c -> c.events().stream().anyMatch(e -> e.name().equals("step.requested"))));

        driver.verifyEveryStep(id);

        await().atMost(Duration.ofSeconds(30)).until(() -> all.stream().allMatch(SseStream::ended));
        List<String> stored = storedIds(id);
        fromStart.forEach(c -> assertThat(c.ids()).containsExactlyElementsOf(stored));
        resuming.forEach(c -> assertThat(c.ids()).containsExactlyElementsOf(stored.subList(2, stored.size())));
        all.forEach(c -> assertThat(c.events()).last().extracting(SseStream.Event::name)
                .isEqualTo("session.completed"));
        await().atMost(Duration.ofSeconds(10)).until(() -> tail.followedStreams() == 0);
    }

    /**
     * More idle clients than the shared pool has connections (32): a verdict for another session is still applied
     * promptly, and the only connection blocked in XREAD is the tail's own.
     */
    @Test
    void idleStreamsDoNotStarveVerdictHandling() {
        String idle = driver.start();
        driver.awaitRequest(idle, "s1", 1);
        List<SseStream> clients = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            clients.add(open(idle, Map.of()));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> clients.stream()
                .allMatch(c -> c.events().stream().anyMatch(e -> e.name().equals("step.requested"))));

        String moving = driver.start();
        driver.kafka.send(SessionDriver.verified(driver.awaitRequest(moving, "s1", 1), "patch-1"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/v1/sessions/" + moving).then()
                .statusCode(200).body("verifiedSteps", equalTo(1)));
        assertThat(clients).noneMatch(SseStream::ended);
        String connections = redis.execute("CLIENT", "LIST").toString();
        assertThat(connections.lines().filter(l -> l.contains("cmd=xread"))).hasSizeLessThanOrEqualTo(1);
    }

    private static JsonNode json(String data) throws JsonProcessingException {
        return Json.mapper().readTree(data);
    }

    private List<String> storedIds(String id) {
        return redis.stream(String.class).xrange(RedisKeys.progress(id), StreamRange.of("-", "+")).stream()
                .map(StreamMessage::id).toList();
    }

    private URI events(String id) {
        return URI.create(base.toString().replaceFirst("/$", "") + "/api/v1/sessions/" + id + "/events");
    }

    private SseStream open(String id, Map<String, String> headers) {
        return open(events(id), headers);
    }

    private SseStream open(URI uri, Map<String, String> headers) {
        Map<String, String> withKey = new HashMap<>(headers);
        withKey.put("Authorization", TestKeys.bearer(key));
        SseStream stream = SseStream.open(uri, withKey);
        opened.add(stream);
        return stream;
    }
}
