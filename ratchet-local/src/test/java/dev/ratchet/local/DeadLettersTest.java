package dev.ratchet.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ratchet.core.event.Topics;
import dev.ratchet.infra.InProcessKafka;
import dev.ratchet.testing.KafkaProbe;

/**
 * {@code ./ratchet dlq list|replay} against a real broker, on dead letters written with the headers SmallRye's
 * dead-letter-queue failure strategy writes (smallrye-reactive-messaging-kafka 4.33, {@code KafkaDeadLetterQueue}:
 * the original headers, then {@code dead-letter-*}).
 */
class DeadLettersTest {

    static final String REQUESTED = Topics.STEPS_REQUESTED;
    static final String REQUESTED_DLQ = Topics.deadLetter(REQUESTED);

    @TempDir
    Path dir;

    InProcessKafka kafka;
    KafkaProbe probe;
    LocalLayout layout;

    @BeforeEach
    void startBroker() throws Exception {
        kafka = InProcessKafka.start(dir.resolve("kafka"));
        try (Admin admin = admin()) {
            admin.createTopics(Topics.all().stream().map(t -> new NewTopic(t.name(), t.partitions(), (short) 1))
                    .toList()).all().get(30, TimeUnit.SECONDS);
        }
        probe = new KafkaProbe(kafka.bootstrapServers());
        layout = new LocalLayout(dir.resolve("home"));
    }

    @AfterEach
    void stopBroker() {
        if (probe != null) {
            probe.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void listShowsEachDeadLetterWithTypeSessionReasonOriginAndReplayState() {
        deadLetter(REQUESTED_DLQ, "session-a", 5, 42, "invalid dev.ratchet.step.requested.v2 data: no stepId");
        deadLetter(Topics.deadLetter(Topics.STEPS_VERDICTS), "session-b", 1, 7, "verdict for unknown session");

        CommandRun list = dlq("list", "--bootstrap", kafka.bootstrapServers());

        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains(REQUESTED_DLQ + ": 1 dead letter, 0 replayed")
                .contains(Topics.deadLetter(Topics.STEPS_EXECUTED) + ": empty")
                .contains(Topics.deadLetter(Topics.STEPS_VERDICTS) + ": 1 dead letter, 0 replayed");
        assertThat(list.outLines()).anySatisfy(line -> assertThat(line).contains("0/0").contains("not replayed")
                .contains("dev.ratchet.step.requested.v2").contains("session session-a")
                .contains("from " + REQUESTED + " 5/42"))
                .contains("      reason: invalid dev.ratchet.step.requested.v2 data: no stepId")
                .contains("      cause:  java.lang.IllegalArgumentException: no stepId");
    }

    @Test
    void replaySendsEachRecordBackOnceWithItsKeyValueAndHeadersWithoutTheDeadLetterOnes() throws Exception {
        deadLetter(REQUESTED_DLQ, "session-a", 5, 42, "redis away");
        deadLetter(REQUESTED_DLQ, "session-b", 6, 43, "redis away");

        CommandRun first = dlq("replay", REQUESTED, "--bootstrap", kafka.bootstrapServers());

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("replayed 2 records from " + REQUESTED_DLQ + " to " + REQUESTED
                + "; 0 replayed before");
        List<ConsumerRecord<String, String>> replayed = await().atMost(Duration.ofSeconds(20))
                .until(() -> probe.records(REQUESTED), records -> records.size() == 2);
        assertThat(replayed).anySatisfy(r -> {
            assertThat(r.key()).isEqualTo("key-session-a");
            assertThat(r.value()).isEqualTo("{\"sessionId\":\"session-a\"}");
            assertThat(r.partition()).as("its original partition").isEqualTo(5);
            assertThat(KafkaProbe.header(r, "ce_type")).contains("dev.ratchet.step.requested.v2");
            assertThat(KafkaProbe.header(r, "ce_subject")).contains("session-a");
            assertThat(KafkaProbe.header(r, "ce_id")).contains("event-session-a");
            assertThat(KafkaProbe.headers(r).keySet()).noneMatch(h -> h.startsWith("dead-letter-"));
        });

        CommandRun second = dlq("replay", REQUESTED_DLQ, "--bootstrap", kafka.bootstrapServers());

        assertThat(second.out()).contains("replayed 0 records").contains("2 replayed before");
        assertThat(recordsOn(REQUESTED)).as("nothing sent twice").isEqualTo(2);
        assertThat(dlq("list", "--bootstrap", kafka.bootstrapServers()).out())
                .contains(REQUESTED_DLQ + ": 2 dead letters, 2 replayed");
    }

    @Test
    void sessionReplayMarksOnlyThatSessionsRecords() throws Exception {
        deadLetter(REQUESTED_DLQ, "session-a", 0, 1, "redis away");
        deadLetter(REQUESTED_DLQ, "session-b", 0, 2, "redis away");
        deadLetter(REQUESTED_DLQ, "session-a", 0, 3, "redis away");

        CommandRun sessionA = dlq("replay", REQUESTED, "--session", "session-a", "--bootstrap",
                kafka.bootstrapServers());

        assertThat(sessionA.out()).contains("replayed 2 records").contains("1 of other sessions left");
        assertThat(recordsOn(REQUESTED)).isEqualTo(2);
        assertThat(await().atMost(Duration.ofSeconds(20)).until(() -> probe.records(REQUESTED), r -> r.size() == 2))
                .allSatisfy(r -> assertThat(KafkaProbe.header(r, "ce_subject")).contains("session-a"));
        assertThat(committed()).isEqualTo(new OffsetAndMetadata(1, "replayed-above:2"));
        assertThat(dlq("list", "--bootstrap", kafka.bootstrapServers()).outLines())
                .anySatisfy(l -> assertThat(l).contains("0/0  replayed"))
                .anySatisfy(l -> assertThat(l).contains("0/1  not replayed").contains("session-b"))
                .anySatisfy(l -> assertThat(l).contains("0/2  replayed"));

        CommandRun rest = dlq("replay", REQUESTED, "--bootstrap", kafka.bootstrapServers());

        assertThat(rest.out()).contains("replayed 1 record from").contains("2 replayed before");
        assertThat(recordsOn(REQUESTED)).isEqualTo(3);
        assertThat(committed()).isEqualTo(new OffsetAndMetadata(3, ""));
    }

    @Test
    void aRecordWhoseHeaderNamesAnotherTopicIsSkippedAndLeftUnreplayed() throws Exception {
        Map<String, String> headers = smallRyeHeaders("session-a", 0, 1, "redis away");
        headers.put("dead-letter-topic", "some.other.topic");
        probe.sendRaw(REQUESTED_DLQ, "key", "value", headers);

        CommandRun replay = dlq("replay", REQUESTED, "--bootstrap", kafka.bootstrapServers());

        assertThat(replay.exit()).isEqualTo(1);
        assertThat(replay.err()).contains("skipped 0/0: its original topic 'some.other.topic' is not one of "
                + "Ratchet's topics");
        assertThat(recordsOn(REQUESTED)).isZero();
        assertThat(dlq("list", "--bootstrap", kafka.bootstrapServers()).out()).contains("1 dead letter, 0 replayed");
    }

    @Test
    void badArgumentsAndAMissingClusterAreClearErrors() {
        assertThat(dlq("replay", "ratchet.nope").exit()).isEqualTo(Main.USAGE);
        assertThat(dlq("replay", "ratchet.nope").err()).contains("no Ratchet topic ratchet.nope")
                .contains(REQUESTED_DLQ);
        assertThat(dlq("list", "--session", "x").exit()).isEqualTo(Main.USAGE);
        assertThat(dlq("list", "--bootstrap", "not an address").exit()).isEqualTo(Main.USAGE);

        CommandRun noCluster = dlq("list");
        assertThat(noCluster.exit()).isEqualTo(1);
        assertThat(noCluster.err()).contains("no Ratchet cluster is running").contains("--bootstrap");
    }

    /** A dead letter as SmallRye writes it: the original record's key, value and headers, then its own headers. */
    private void deadLetter(String dlq, String session, int partition, long offset, String reason) {
        probe.sendRaw(dlq, "key-" + session, "{\"sessionId\":\"" + session + "\"}",
                smallRyeHeaders(session, partition, offset, reason));
    }

    private static Map<String, String> smallRyeHeaders(String session, int partition, long offset, String reason) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", "event-" + session);
        headers.put("ce_type", "dev.ratchet.step.requested.v2");
        headers.put("ce_source", "/ratchet/planner");
        headers.put("ce_subject", session);
        headers.put("content-type", "application/json");
        headers.put("dead-letter-exception-class-name", "java.lang.IllegalArgumentException");
        headers.put("dead-letter-reason", reason);
        headers.put("dead-letter-cause", "java.lang.IllegalArgumentException: no stepId");
        headers.put("dead-letter-topic", REQUESTED);
        headers.put("dead-letter-partition", Integer.toString(partition));
        headers.put("dead-letter-offset", Long.toString(offset));
        return headers;
    }

    private long recordsOn(String topic) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            for (int p = 0; p < Topics.partitions(topic); p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream()
                    .mapToLong(o -> o.offset()).sum();
        }
    }

    private OffsetAndMetadata committed() throws Exception {
        try (Admin admin = admin()) {
            return admin.listConsumerGroupOffsets(DeadLetters.REPLAY_GROUP).partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS).get(new TopicPartition(REQUESTED_DLQ, 0));
        }
    }

    private Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
    }

    private CommandRun dlq(String... args) {
        return CommandRun.dlq(layout, args);
    }
}
