package dev.ratchet.planner.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.CloudEventHeaders;
import dev.ratchet.core.event.EventIds;
import dev.ratchet.core.event.EventType;
import dev.ratchet.core.event.SessionCreated;
import dev.ratchet.core.event.SessionFailed;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.Topics;
import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.core.session.Progress;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.SessionMachine;
import dev.ratchet.core.session.SessionStatus;
import dev.ratchet.core.session.StepPolicy;
import dev.ratchet.core.session.Transition;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.planner.session.flow.SessionPlanner;
import dev.ratchet.planner.session.store.SessionStore;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.SimulatedModelResource;
import dev.ratchet.testing.TestKeys;
import dev.ratchet.testing.TextstatsSample;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * No session stays stuck: with deadlines of seconds, the reaper sends again what nobody answered (same event id,
 * same content), fails the step naming the silent hop after the last redelivery, sends decisions a planner stored
 * but never published, and takes planning over from a planner that stopped, never from one that is alive. No
 * executor runs here, so nothing answers a request unless the test does.
 */
@QuarkusTest
@TestProfile(ReaperTest.ShortDeadlines.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(SimulatedModelResource.class)
class ReaperTest {

    @BeforeEach
    void authorize() {
        TestKeys.authorize(redis);
    }

    static final Duration WAIT = Duration.ofSeconds(30);
    static TextstatsSample textstats;

    @Inject
    RedisDataSource redis;

    @Inject
    SessionStore store;

    @Inject
    SessionMachine machine;

    final KafkaProbe kafka = KafkaProbe.shared();

    @BeforeAll
    static void sampleRepository() {
        textstats = TextstatsSample.create();
    }

    @Test
    void aRequestNobodyTakesIsSentAgainUnchangedThenTheStepFailsNamingTheSilentHop() {
        String id = startSession();
        StepRequested first = await().atMost(WAIT).until(() -> kafka.events(StepRequested.class,
                e -> e.sessionId().equals(id)), r -> !r.isEmpty()).get(0);

        List<ConsumerRecord<String, String>> sent = await().atMost(WAIT).until(() -> requestRecords(first),
                records -> records.size() == 3);
        assertThat(sent).extracting(ConsumerRecord::value).as("a redelivery, never a new decision under one id")
                .containsOnly(sent.get(0).value());

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/sessions/" + id).then()
                .body("status", equalTo("FAILED"))
                .body("failureReason", equalTo("step 1/3 \"Add word_count\" attempt 1 got no answer: "
                        + "no executor took the request (sent 3 times)"))
                .body("steps[0].attemptHistory[0].stage", equalTo("deliver")));
        assertThat(requestRecords(first)).as("not sent a fourth time").hasSize(3);
        assertThat(progressTypes(id)).containsSubsequence(Progress.STEP_REQUESTED, Progress.STEP_REDELIVERED,
                Progress.STEP_REDELIVERED, Progress.SESSION_FAILED);
        // The event leaves the outbox after the transaction that stored FAILED: wait for it, then read to the end.
        await().atMost(WAIT).until(() -> kafka.eventsToEnd(SessionFailed.class, e -> e.sessionId().equals(id), WAIT),
                failed -> !failed.isEmpty());
        assertThat(kafka.eventsToEnd(SessionFailed.class, e -> e.sessionId().equals(id), WAIT)).hasSize(1);
        assertThat(redis.sortedSet(String.class).zscore(RedisKeys.DEADLINES, id)).as("no deadline once over")
                .isEmpty();
        assertThat(redis.key().ttl(RedisKeys.session(id))).as("a finished session expires").isPositive();
    }

    @Test
    void workSomeoneHoldsALeaseOnIsNotSentAgain() {
        List<PlanStep> plan = List.of(new PlanStep("s1", "Add word_count", "Add word_count(text)."));
        Session planning = storePlanning("planner-alive|" + (System.currentTimeMillis() + 600_000));
        String id = planning.id();
        // An executor takes the request (its id is derived, so known before it is sent) and keeps renewing its
        // lease, as a live one does: work in progress, however long.
        UUID requestId = EventIds.forStep(EventType.STEP_REQUESTED, id, "s1", 1, 0);
        String field = "executor:" + requestId;
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        executor.scheduleAtFixedRate(() -> redis.hash(String.class).hset(RedisKeys.work(id), field,
                "executor-elsewhere|" + (System.currentTimeMillis() + 2000)), 0, 500, TimeUnit.MILLISECONDS);
        StepRequested first;
        try {
            await().atMost(WAIT).until(() -> redis.hash(String.class).hexists(RedisKeys.work(id), field));
            store.apply(id, s -> machine.planned(s, plan, Instant.now()));
            first = await().atMost(WAIT).until(() -> kafka.events(StepRequested.class,
                    e -> e.sessionId().equals(id)), r -> !r.isEmpty()).get(0);
            assertThat(first.eventId()).isEqualTo(requestId);
            StepRequested sent = first;
            await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(12))
                    .until(() -> requestRecords(sent).size() == 1);
        } finally {
            executor.shutdownNow();
        }

        // The executor dies: its lease runs out and the request is sent again at once.
        StepRequested taken = first;
        await().atMost(WAIT).until(() -> requestRecords(taken).size() == 2);
        assertThat(lastProgress(id, Progress.STEP_REDELIVERED))
                .endsWith("the executor working on it stopped without an answer");
    }

    @Test
    void decisionsAStoppedPlannerStoredButNeverSentAreSentByTheReaper() {
        // A planner stores the plan and dies before publishing the first request.
        Transition created = store.create(machine.created(UUID.randomUUID().toString(), textstats.repo.toString(),
                "Add word statistics", textstats.baseCommit, List.of(TextstatsSample.UNIT_TESTS), StepPolicy.DEFAULTS,
                Instant.now()), TestKeys.TEAM);
        String id = created.session().id();
        redis.hash(String.class).hset(RedisKeys.work(id), SessionPlanner.LEASE,
                "planner-alive|" + (System.currentTimeMillis() + 600_000));
        List<PlanStep> plan = List.of(new PlanStep("s1", "Add word_count", "Add word_count(text)."));
        store.apply(id, s -> machine.planned(s, plan, Instant.now()));

        StepRequested request = await().atMost(WAIT).until(() -> kafka.events(StepRequested.class,
                e -> e.sessionId().equals(id)), r -> !r.isEmpty()).get(0);
        assertThat(request.stepId()).isEqualTo("s1");
        // Another topic: the request's arrival says nothing about whether this record was read yet.
        await().atMost(WAIT).untilAsserted(() -> assertThat(kafka.events(SessionCreated.class,
                e -> e.sessionId().equals(id))).hasSize(1));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(redis.key().exists(RedisKeys.outbox(id))).isFalse();
            assertThat(redis.sortedSet(String.class).zscore(RedisKeys.OUTBOX, id)).isEmpty();
        });
    }

    @Test
    void planningWhosePlannerStoppedIsTakenOverButNeverWhileItsPlannerLives() {
        Session alive = storePlanning("planner-alive|" + (System.currentTimeMillis() + 600_000));
        Session dead = storePlanning("planner-dead|" + (System.currentTimeMillis() - 1000));

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/sessions/" + dead.id()).then()
                .body("status", equalTo("RUNNING")));
        assertThat(progressTypes(dead.id())).containsSubsequence(Progress.PLANNING_RESUMED, Progress.SESSION_PLANNED);
        assertThat(store.find(dead.id()).orElseThrow().planningResumes()).isEqualTo(1);
        // requested once (and perhaps sent again since, as nobody here takes it: always the same request)
        assertThat(kafka.events(StepRequested.class, e -> e.sessionId().equals(dead.id()))).isNotEmpty()
                .extracting(StepRequested::eventId).containsOnly(EventIds.forStep(EventType.STEP_REQUESTED,
                        dead.id(), "s1", 1, 0));

        assertThat(store.find(alive.id()).orElseThrow().status()).isEqualTo(SessionStatus.PLANNING);
        assertThat(progressTypes(alive.id())).doesNotContain(Progress.PLANNING_RESUMED);
    }

    private Session storePlanning(String planningLease) {
        Transition created = store.create(machine.created(UUID.randomUUID().toString(), textstats.repo.toString(),
                "Add word statistics", textstats.baseCommit, List.of(TextstatsSample.UNIT_TESTS),
                StepPolicy.DEFAULTS, Instant.now().minusSeconds(60)), TestKeys.TEAM);
        redis.hash(String.class).hset(RedisKeys.work(created.session().id()), SessionPlanner.LEASE, planningLease);
        return created.session();
    }

    private String startSession() {
        return given().contentType(ContentType.JSON)
                .body(Map.of("repo", textstats.repo.toString(), "goal", "Add word statistics to textstats",
                        "checks", List.of(Map.of("name", "unit-tests", "command",
                                TextstatsSample.UNIT_TESTS.command(), "timeoutSeconds", 60))))
                .when().post("/api/v1/sessions").then().statusCode(201).extract().path("id");
    }

    private List<ConsumerRecord<String, String>> requestRecords(StepRequested request) {
        return kafka.records(Topics.STEPS_REQUESTED).stream()
                .filter(r -> request.eventId().toString().equals(KafkaProbe.header(r, CloudEventHeaders.ID)
                        .orElse(null)))
                .toList();
    }

    private List<String> progressTypes(String id) {
        return redis.stream(String.class).xrange(RedisKeys.progress(id), StreamRange.of("-", "+")).stream()
                .map(m -> m.payload().get("type")).toList();
    }

    private String lastProgress(String id, String type) {
        return redis.stream(String.class).xrange(RedisKeys.progress(id), StreamRange.of("-", "+")).stream()
                .filter(m -> type.equals(m.payload().get("type"))).reduce((a, b) -> b).orElseThrow().payload()
                .get("message");
    }

    public static class ShortDeadlines implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ratchet.deadlines.unclaimed", "3s", "ratchet.deadlines.max-redeliveries", "2",
                    "ratchet.planner.reaper.interval", "200ms", "ratchet.planner.reaper.outbox-after", "1s",
                    "ratchet.leases.ttl", "2s");
        }
    }
}
