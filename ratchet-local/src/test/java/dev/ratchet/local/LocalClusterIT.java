package dev.ratchet.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.ratchet.core.event.CloudEventHeaders;
import dev.ratchet.core.event.Topics;
import dev.ratchet.core.session.Progress;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.testing.KafkaProbe;
import redis.clients.jedis.Jedis;

/**
 * The whole cluster as `./ratchet` runs it: a KRaft broker and redis-server as real processes, the simulated model
 * server, the four services as separate JVMs with two executors in one consumer group. Checked from the outside,
 * through the platform API, a plain Kafka client and a plain Redis client; then its parts are restarted by name.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalClusterIT {

    static LocalCluster cluster;
    static LocalLayout layout;
    static Jedis redis;
    static KafkaProbe kafka;
    static final List<String> output = new ArrayList<>();
    static String demoSession;

    @BeforeAll
    static void startCluster() {
        layout = LocalLayout.fromEnvironment();
        cluster = LocalCluster.start(layout, LocalCluster.Options.defaults().withExecutors(2)
                .withState(layout.stateDir().resolve("it"), true), output::add);
        redis = new Jedis(URI.create(cluster.redisUrl()));
        kafka = new KafkaProbe(cluster.kafkaBootstrapServers());
    }

    @AfterAll
    static void stopCluster() {
        if (kafka != null) {
            kafka.close();
        }
        if (redis != null) {
            redis.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void announcesEveryPartWithItsAddress() {
        assertThat(output).anyMatch(l -> l.matches("kafka: 127\\.0\\.0\\.1:\\d+"))
                .anyMatch(l -> l.matches("redis: redis://127\\.0\\.0\\.1:\\d+"))
                .anyMatch(l -> l.matches("model: http://127\\.0\\.0\\.1:\\d+/v1 \\(simulated\\)"))
                .anyMatch(l -> l.startsWith("planner-service: http://127.0.0.1:"))
                .anyMatch(l -> l.startsWith("executor-1: "))
                .anyMatch(l -> l.startsWith("executor-2: "))
                .anyMatch(l -> l.startsWith("verifier-service: "))
                .anyMatch(l -> l.startsWith("skills-registry: "));
    }

    @Test
    @Order(2)
    void demoSessionCompletesAndItsVerifiedStateReallyPassesTheChecks() throws Exception {
        List<String> lines = new ArrayList<>();
        Demo.Result result = Demo.run(layout, cluster.planner(), lines::add);

        assertThat(result.status()).isEqualTo("COMPLETED");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("session " + result.sessionId()
                + " COMPLETED: 3/3 steps verified");
        assertThat(lines).anyMatch(l -> l.contains("step 2/3 \"Add top_words\" attempt 1 rejected at check"))
                .anyMatch(l -> l.contains("step 2/3 \"Add top_words\" attempt 2 verified"));

        String id = result.sessionId();
        demoSession = id;
        AuditedSession audited = new AuditedSession(id, result.repo(), cluster.redisUrl());
        assertThat(audited.progress()).extracting(Progress::type).contains("session.created", "session.planned",
                "step.executed", "step.rejected", "session.completed");
        assertThat(redis.zscore(RedisKeys.SESSIONS, id)).isNotNull();

        // The ratchet's claim: base commit + the accepted patches is a tree whose checks pass.
        audited.assertCompletedWithEveryStepVerifiedOnce();
        assertThat(audited.chain()).hasSize(3);
        Path tree = audited.assertChainPassesChecks(Demo.CHECK_COMMAND);
        assertThat(Files.readString(tree.resolve("textstats.py"))).contains("def top_words(text, n):")
                .contains("def main(argv):");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get(cluster.skills()
                .request("/api/v1/skills"))).contains(id));
        // One attempt, one trace across the three processes (issue 9): the executor's and the verifier's answers
        // and the planner's decision on step s1's first attempt log the same trace id (the MDC's, carried in the
        // events' ce_traceparent).
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Set<String> planner = traceIds("planner-service", id);
            Set<String> executors = new HashSet<>(traceIds("executor-1", id));
            executors.addAll(traceIds("executor-2", id));
            Set<String> verifier = traceIds("verifier-service", id);
            assertThat(planner).as("planner").isNotEmpty();
            Set<String> shared = new HashSet<>(planner);
            shared.retainAll(executors);
            shared.retainAll(verifier);
            assertThat(shared).as("trace ids of step s1 in all three services' logs").isNotEmpty();
        });
    }

    /** The trace ids of the log lines of {@code part} handling step s1 of {@code session}. */
    private static Set<String> traceIds(String part, String session) throws IOException {
        Path log = cluster.stateDir().resolve("logs").resolve(part + ".log");
        Pattern line = Pattern.compile("\\[" + Pattern.quote(session) + " s1 ([0-9a-f]{32})]");
        Set<String> ids = new HashSet<>();
        try (Stream<String> lines = Files.lines(log)) {
            lines.map(line::matcher).filter(Matcher::find).forEach(m -> ids.add(m.group(1)));
        }
        return ids;
    }

    @Test
    @Order(3)
    void poisonMessageIsDeadLetteredAndExecutorsKeepWorking() {
        kafka.sendRaw(Topics.STEPS_REQUESTED, "poison", "this is not an event", Map.of(
                CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.TYPE, "dev.ratchet.step.requested.v2",
                CloudEventHeaders.ID, "poison-1", CloudEventHeaders.SOURCE, "/tests"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> dead = kafka.records(Topics.deadLetter(Topics.STEPS_REQUESTED));
            assertThat(dead).anySatisfy(r -> {
                assertThat(r.value()).isEqualTo("this is not an event");
                assertThat(KafkaProbe.header(r, "dead-letter-reason")).hasValueSatisfying(reason ->
                        assertThat(reason).contains("invalid dev.ratchet.step.requested.v2 data"));
            });
        });
        Demo.Result after = Demo.run(layout, cluster.planner(), line -> { });
        assertThat(after.status()).isEqualTo("COMPLETED");
    }

    @Test
    @Order(4)
    void sessionsCompleteWhenOneOfTwoExecutorsIsKilled() {
        cluster.killExecutor(1);
        // Killed on purpose, executor-1 is no death to report; a process killed from outside the launcher is.
        Signals.send("KILL", cluster.pids().get("skills-registry"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(cluster.unexpectedDeaths())
                .singleElement().asString().startsWith("skills-registry exited with 137"));
        cluster.start("skills-registry");
        assertThat(cluster.unexpectedDeaths()).isEmpty();

        Demo.Result result = Demo.run(layout, cluster.planner(), line -> { });

        assertThat(result.status()).isEqualTo("COMPLETED");
        assertThat(result.session().path("steps").findValuesAsText("executor")).isNotEmpty()
                .allMatch("executor-2"::equals);
    }

    @Test
    @Order(5)
    void deadLettersAreListedAndReplayedOnce() {
        String dlq = Topics.deadLetter(Topics.STEPS_REQUESTED);
        CommandRun list = CommandRun.dlq(layout, "list", "--bootstrap", cluster.kafkaBootstrapServers());
        assertThat(list.out()).contains(dlq + ": 1 dead letter, 0 replayed");
        assertThat(list.outLines()).anySatisfy(l -> assertThat(l).contains("0/0  not replayed")
                .contains("dev.ratchet.step.requested.v2").contains("from " + Topics.STEPS_REQUESTED))
                .anySatisfy(l -> assertThat(l).startsWith("      reason: ")
                        .contains("invalid dev.ratchet.step.requested.v2 data"));

        CommandRun replay = CommandRun.dlq(layout, "replay", Topics.STEPS_REQUESTED, "--bootstrap",
                cluster.kafkaBootstrapServers());

        assertThat(replay.out()).as(replay.err()).contains("replayed 1 record from " + dlq);
        // Still poison: an executor takes it again and dead-letters it again, from its new offset.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kafka.records(dlq)).hasSize(2));
        List<ConsumerRecord<String, String>> dead = kafka.records(dlq);
        assertThat(KafkaProbe.header(dead.get(1), "dead-letter-offset"))
                .isNotEqualTo(KafkaProbe.header(dead.get(0), "dead-letter-offset"));
        assertThat(KafkaProbe.headers(dead.get(1))).containsEntry(CloudEventHeaders.ID, "poison-1");
        assertThat(CommandRun.dlq(layout, "list", "--bootstrap", cluster.kafkaBootstrapServers()).out())
                .contains(dlq + ": 2 dead letters, 1 replayed");
    }

    @Test
    @Order(6)
    void servicesRestartedByNameAreReadyAgainOnTheirPortsAndSessionsComplete() throws Exception {
        String verifier = cluster.addresses().get("verifier-service");
        long verifierPid = cluster.pids().get("verifier-service");

        Part.PartAction restarted = cluster.restart("verifier-service");
        Part.PartAction started = cluster.start("executor-1");
        System.out.println("service restarts: " + restarted + "; " + started);

        assertThat(restarted.done()).isEqualTo("restarted");
        assertThat(restarted.address()).isEqualTo(verifier);
        assertThat(restarted.pid()).isNotEqualTo(verifierPid);
        assertThat(started.done()).as("executor-1 was killed in the test before").isEqualTo("started");
        assertThat(status(verifier + "/q/health/ready")).isEqualTo(200);
        assertThat(status(cluster.addresses().get("executor-1") + "/q/health/ready")).isEqualTo(200);
        assertThat(cluster.unexpectedDeaths()).isEmpty();
        assertThat(Demo.run(layout, cluster.planner(), line -> { }).status()).isEqualTo("COMPLETED");
    }

    @Test
    @Order(7)
    void theControlEndpointActsOnPartsByNameAndRefusesUnknownNamesAndStrangers() {
        try (ControlServer control = ControlServer.start(cluster)) {
            ControlClient client = new ControlClient(control.url(), control.token());

            ControlClient.Reply killed = client.act("executor-2", "kill");
            assertThat(killed.ok()).as(killed.text()).isTrue();
            assertThat(killed.text()).startsWith("killed executor-2 (" + cluster.addresses().get("executor-2"))
                    .contains("not running");
            assertThat(cluster.unexpectedDeaths()).as("killed on purpose").isEmpty();
            ControlClient.Reply again = client.act("executor-2", "start");
            assertThat(again.text()).startsWith("started executor-2");
            assertThat(client.act("executor-2", "restart").text()).startsWith("restarted executor-2");

            ControlClient.Reply unknown = client.act("executor-9", "restart");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.text()).contains("no part named 'executor-9'").contains("kafka, redis, "
                    + "planner-service, executor-1, executor-2, verifier-service, skills-registry");
            assertThat(new ControlClient(control.url(), "wrong").act("redis", "kill").status()).isEqualTo(403);
            assertThat(client.parts().text().lines()).contains("redis", "executor-2");
        }
        assertThat(cluster.unexpectedDeaths()).isEmpty();
    }

    @Test
    @Order(8)
    void redisRestartedOrKilledKeepsItsDataOnTheSamePort() {
        redis.set("ratchet:it:kept", "before the restart");
        long pid = cluster.pids().get("redis");

        Part.PartAction restarted = cluster.restart("redis");
        System.out.println("redis restart: " + restarted);

        assertThat(restarted.address()).isEqualTo(cluster.redisUrl());
        assertThat(restarted.pid()).isNotEqualTo(pid);
        reconnectRedis();
        assertThat(redis.get("ratchet:it:kept")).isEqualTo("before the restart");
        assertThat(redis.hget(RedisKeys.session(demoSession), "status")).isEqualTo("COMPLETED");
        assertThat(redis.llen(RedisKeys.patches(demoSession))).isEqualTo(3);
        assertThat(Files.exists(cluster.stateDir().resolve("redis"))).isTrue();

        // A kill loses at most the last second of writes; what the restart above loaded is in the AOF already.
        cluster.kill("redis");
        assertThat(cluster.unexpectedDeaths()).isEmpty();
        cluster.start("redis");
        reconnectRedis();
        assertThat(redis.hget(RedisKeys.session(demoSession), "status")).isEqualTo("COMPLETED");
    }

    @Test
    @Order(9)
    void kafkaRestartKeepsTopicsRecordsAndCommittedOffsetsOnTheSamePort() throws Exception {
        String clusterId = Files.readString(cluster.stateDir().resolve("kafka/cluster-id"));
        long pid = cluster.pids().get("kafka");

        Part.PartAction restarted = cluster.restart("kafka");
        System.out.println("kafka restart: " + restarted);

        assertThat(restarted.address()).isEqualTo(cluster.kafkaBootstrapServers());
        assertThat(restarted.pid()).isNotEqualTo(pid);
        assertThat(cluster.stateDir().resolve("kafka/cluster-id")).hasContent(clusterId);
        assertThat(CommandRun.dlq(layout, "list", "--bootstrap", cluster.kafkaBootstrapServers()).out())
                .as("the dead letters and the replay group's offsets survived")
                .contains(Topics.deadLetter(Topics.STEPS_REQUESTED) + ": 2 dead letters, 1 replayed");
        assertThat(cluster.unexpectedDeaths()).isEmpty();
    }

    private static void reconnectRedis() {
        redis.close();
        redis = new Jedis(URI.create(cluster.redisUrl()));
    }

    private static int status(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String get(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
