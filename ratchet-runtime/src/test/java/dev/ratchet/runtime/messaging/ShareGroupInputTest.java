package dev.ratchet.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.EventCodec;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.Topics;
import dev.ratchet.runtime.Samples;
import dev.ratchet.runtime.redis.Outcomes;
import dev.ratchet.runtime.tracing.EventSpans;
import dev.ratchet.runtime.work.OwnedWork;
import dev.ratchet.runtime.work.WorkLeases;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.RedisSessions;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Step requests read as a queue through a share group, with real leases and pools: two executor instances of one
 * slot each on a real broker and redis-server. Which instance took a request is asserted, never how fast.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
class ShareGroupInputTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    RedisDataSource redis;

    @Inject
    Redelivery redelivery;

    @Inject
    WorkLeases leases;

    @Inject
    Outcomes outcomes;

    @Inject
    EventSpans spans;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    final KafkaProbe kafka = KafkaProbe.shared();
    final List<Instance> instances = new ArrayList<>();
    String topic;
    String group;

    /** One executor process: a pool of one thread, the leased-consumer skeleton and its share-group input. */
    final class Instance implements AutoCloseable {
        final OwnedWork work;
        final LeasedConsumerTest.Executor steps = new LeasedConsumerTest.Executor();
        final ShareGroupInput input;

        Instance(String name, int deliveryLimit, Consumer<ConsumerRecord<String, String>> handler) {
            work = new OwnedWork(name, 1, leases);
            steps.hold = new CountDownLatch(1);
            LeasedConsumer<StepRequested> consumer = new LeasedConsumer<>(StepRequested.class, "executor", steps,
                    redelivery, leases, outcomes, work, spans);
            input = new ShareGroupInput(name, new ShareGroupInput.Settings(bootstrap, group, topic,
                    Topics.deadLetter(topic), deliveryLimit), work::awaitFree,
                    handler == null ? consumer::accept : handler).start();
        }

        Instance(String name) {
            this(name, 5, null);
        }

        @Override
        public void close() {
            steps.hold.countDown();
            input.close();
            work.close();
        }
    }

    @BeforeEach
    void topic() throws Exception {
        topic = "share-test-" + UUID.randomUUID();
        group = "share-test-" + UUID.randomUUID();
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1),
                    new NewTopic(Topics.deadLetter(topic), 1, (short) 1))).all().get();
        }
    }

    @AfterEach
    void close() {
        instances.forEach(Instance::close);
    }

    @Test
    void theNextRequestGoesToTheIdleInstanceWhateverItsPartition() throws Exception {
        Instance a = started(new Instance("share-a"));
        Instance b = started(new Instance("share-b"));
        awaitMembers(2);

        StepRequested first = request();
        kafka.sendRaw(topic, 0, first.sessionId(), EventCodec.encode(first), KafkaProbe.ceHeaders(first));
        await().atMost(WAIT).until(() -> a.steps.started.get() + b.steps.started.get() == 1);
        Instance busy = a.steps.started.get() == 1 ? a : b;
        Instance idle = busy == a ? b : a;

        // The same partition: in a consumer group (or with Kafka's SimpleAssignor) it has one owner, the busy one.
        StepRequested second = request();
        kafka.sendRaw(topic, 0, second.sessionId(), EventCodec.encode(second), KafkaProbe.ceHeaders(second));

        await().atMost(WAIT).until(() -> idle.steps.started.get() == 1);
        assertThat(idle.steps.inputs).containsExactly(second);
        assertThat(busy.steps.inputs).containsExactly(first);

        busy.steps.hold.countDown();
        idle.steps.hold.countDown();
        await().atMost(WAIT).until(() -> a.steps.answered.size() + b.steps.answered.size() == 2);
    }

    @Test
    void anEmptyConsumerGroupOfTheSameNameLeftByThePartitionsInputIsDroppedAndRequestsAreTaken() throws Exception {
        // What a data directory from before share groups holds: the partitions input's committed offsets.
        try (Admin admin = admin()) {
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(0)))
                    .all().get();
        }
        Instance a = started(new Instance("share-leftover"));
        a.steps.hold.countDown();
        StepRequested request = request();
        kafka.sendRaw(topic, 0, request.sessionId(), EventCodec.encode(request), KafkaProbe.ceHeaders(request));

        await().atMost(WAIT).until(() -> a.steps.answered.size() == 1);
        assertThat(a.steps.inputs).containsExactly(request);
        assertThat(a.input.running()).isTrue();
    }

    @Test
    void poisonGoesToTheDeadLetterTopicWithItsReasonAndTheNextRequestIsHandled() {
        Instance a = started(new Instance("share-poison"));
        a.steps.hold.countDown();
        StepRequested request = request();
        Map<String, String> headers = new HashMap<>(KafkaProbe.ceHeaders(request));
        RecordMetadata poison = kafka.sendRaw(topic, 1, request.sessionId(), "{not json", headers);
        StepRequested next = request();
        kafka.sendRaw(topic, 1, next.sessionId(), EventCodec.encode(next), KafkaProbe.ceHeaders(next));

        ConsumerRecord<String, String> dead = awaitDeadLetter();
        assertThat(dead.value()).isEqualTo("{not json");
        assertThat(header(dead, "dead-letter-reason")).startsWith("invalid " + request.eventType().ceType());
        assertThat(header(dead, "dead-letter-topic")).isEqualTo(topic);
        assertThat(header(dead, "dead-letter-partition")).isEqualTo("1");
        assertThat(header(dead, "dead-letter-offset")).isEqualTo(Long.toString(poison.offset()));
        await().atMost(WAIT).until(() -> a.steps.answered.size() == 1);
        assertThat(a.steps.inputs).containsExactly(next);
    }

    @Test
    void aRequestDeliveredUpToTheLimitIsDeadLetteredNotWorkedOn() throws Exception {
        StepRequested request = request();
        kafka.sendRaw(topic, 2, request.sessionId(), EventCodec.encode(request), KafkaProbe.ceHeaders(request));
        // A member that takes the request and gives it back (as one that stops would): its first delivery.
        earliest();
        try (KafkaShareConsumer<String, String> other = new KafkaShareConsumer<>(Map.of("bootstrap.servers",
                bootstrap, "group.id", group, "share.acknowledgement.mode", "explicit"), new StringDeserializer(),
                new StringDeserializer())) {
            other.subscribe(Set.of(topic));
            List<ConsumerRecord<String, String>> taken = new ArrayList<>();
            await().atMost(WAIT).pollInSameThread().pollInterval(Duration.ZERO)
                    .until(() -> {
                        other.poll(Duration.ofMillis(200)).forEach(taken::add);
                        return !taken.isEmpty();
                    });
            taken.forEach(r -> other.acknowledge(r, AcknowledgeType.RELEASE));
            other.commitSync();
        }

        Instance a = started(new Instance("share-limit", 2, null));

        ConsumerRecord<String, String> dead = awaitDeadLetter();
        assertThat(header(dead, "dead-letter-reason")).isEqualTo(
                "delivered 2 times without being handed over (limit 2)");
        assertThat(header(dead, "ce_id")).isEqualTo(request.eventId().toString());
        assertThat(a.steps.started).as("not worked on").hasValue(0);
    }

    @Test
    void closingReleasesARequestNotHandedOverYetToAnotherInstance() throws Exception {
        // Acquisition locks of 60 s: the request reaches the other instance well before a lock would run out.
        try (Admin admin = admin()) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.GROUP, group), List.of(
                    new AlterConfigOp(new ConfigEntry("share.record.lock.duration.ms", "60000"),
                            AlterConfigOp.OpType.SET)))).all().get();
        }
        CountDownLatch handing = new CountDownLatch(1);
        // Redis is away for this instance: its handler waits, retrying, as Redelivery waits out an outage.
        Instance a = started(new Instance("share-stopping", 5, record -> redelivery.handle("hand-off", () -> {
            handing.countDown();
            throw new UncheckedIOException(new IOException("Connection refused"));
        })));
        StepRequested request = request();
        kafka.sendRaw(topic, 3, request.sessionId(), EventCodec.encode(request), KafkaProbe.ceHeaders(request));
        await().atMost(WAIT).until(() -> handing.getCount() == 0);
        Instance b = started(new Instance("share-other"));
        b.steps.hold.countDown();

        a.close();
        instances.remove(a);

        await().atMost(Duration.ofSeconds(30)).until(() -> b.steps.answered.size() == 1);
        assertThat(b.steps.inputs).containsExactly(request);
        assertThat(a.input.running()).isFalse();
    }

    private Instance started(Instance instance) {
        instances.add(instance);
        await().atMost(WAIT).until(instance.input::running);
        return instance;
    }

    private StepRequested request() {
        String session = UUID.randomUUID().toString();
        RedisSessions.register(redis, Samples.session(session));
        return Samples.requested(session);
    }

    private void awaitMembers(int count) {
        try (Admin admin = admin()) {
            await().atMost(WAIT).ignoreExceptionsInstanceOf(ExecutionException.class).untilAsserted(() -> assertThat(
                    admin.describeShareGroups(Set.of(group)).all().get().get(group).members()).hasSize(count)
                    .allSatisfy(m -> assertThat(m.assignment().topicPartitions()).hasSize(4)));
        }
    }

    /** What the input does before it joins, for a member this test drives by hand. */
    private void earliest() throws Exception {
        try (Admin admin = admin()) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.GROUP, group), List.of(
                    new AlterConfigOp(new ConfigEntry("share.auto.offset.reset", "earliest"),
                            AlterConfigOp.OpType.SET)))).all().get();
        }
    }

    private ConsumerRecord<String, String> awaitDeadLetter() {
        await().atMost(WAIT).until(() -> !kafka.records(Topics.deadLetter(topic)).isEmpty());
        List<ConsumerRecord<String, String>> dead = kafka.recordsToEnd(Topics.deadLetter(topic), WAIT);
        assertThat(dead).hasSize(1);
        return dead.get(0);
    }

    private static String header(ConsumerRecord<String, String> record, String key) {
        Header h = record.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", bootstrap));
    }
}
