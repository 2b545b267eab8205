package dev.ratchet.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.Topics;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 14 part 5: more executors than the topic has partitions. Thirty small executors (the real
 * {@link ShareGroupInput}, one poll thread and a pool of one slot each, as {@code ratchet.executor.concurrency=1}
 * would make them) share a 24-partition topic of the test broker, whose share-group assignor gives every member every
 * partition. Each executor holds its first request until all thirty hold one, so thirty are busy at once on 24
 * partitions; then 300 requests are each handed over exactly once, and every executor took at least one. Nothing
 * about speed is asserted.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
class ShareGroupScaleOutTest {

    /** {@code ratchet.steps.requested}'s partitions ({@link Topics}). */
    static final int PARTITIONS = 24;
    static final int EXECUTORS = 30;
    static final int REQUESTS = 300;
    /** Thirty members joining and rebalancing on a shared two-core machine: generous, and only an upper bound. */
    static final Duration WAIT = Duration.ofSeconds(120);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    final KafkaProbe kafka = KafkaProbe.shared();
    final List<SmallExecutor> executors = new ArrayList<>();
    /** Hand-overs by record value: each must be 1. */
    final Map<String, AtomicInteger> handedOver = new ConcurrentHashMap<>();
    /** Counted down by each executor's first request; zero when all thirty held one at the same time. */
    final CountDownLatch allBusy = new CountDownLatch(EXECUTORS);
    final AtomicBoolean allBusyReached = new AtomicBoolean();

    /** An executor with one slot: the input polls only while the slot is free, the work runs on the executor's pool. */
    final class SmallExecutor implements AutoCloseable {
        final Semaphore slot = new Semaphore(1);
        final ExecutorService pool;
        final AtomicInteger worked = new AtomicInteger();
        final ShareGroupInput input;

        SmallExecutor(String name, String topic, String group) {
            pool = Executors.newSingleThreadExecutor(r -> new Thread(r, name + "-work"));
            input = new ShareGroupInput(name, new ShareGroupInput.Settings(bootstrap, group, topic,
                    Topics.deadLetter(topic), 5), this::awaitFree, this::handOver).start();
        }

        private boolean awaitFree(Duration atMost) throws InterruptedException {
            if (!slot.tryAcquire(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
            slot.release();
            return true;
        }

        /** What {@code LeasedConsumer.accept} does with a request: take the slot and start the work on the pool. */
        private void handOver(ConsumerRecord<String, String> record) {
            slot.acquireUninterruptibly();
            handedOver.computeIfAbsent(record.value(), v -> new AtomicInteger()).incrementAndGet();
            pool.execute(() -> {
                try {
                    if (worked.getAndIncrement() == 0) {
                        allBusy.countDown();
                        if (allBusy.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                            allBusyReached.set(true);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    slot.release();
                }
            });
        }

        @Override
        public void close() {
            input.close();
            pool.shutdownNow();
        }
    }

    @AfterEach
    void close() {
        executors.forEach(SmallExecutor::close);
    }

    @Test
    void thirtyExecutorsShareATwentyFourPartitionTopicAllBusyAtOnceAndEachRequestIsHandedOverOnce() throws Exception {
        String topic = "scale-out-" + UUID.randomUUID();
        String group = "scale-out-" + UUID.randomUUID();
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1),
                    new NewTopic(Topics.deadLetter(topic), 1, (short) 1))).all().get();
        }
        for (int i = 0; i < EXECUTORS; i++) {
            executors.add(new SmallExecutor("executor-" + i, topic, group));
        }
        await().atMost(WAIT).until(() -> executors.stream().allMatch(e -> e.input.running()));
        try (Admin admin = admin()) {
            await().atMost(WAIT).ignoreExceptionsInstanceOf(ExecutionException.class).untilAsserted(() -> assertThat(
                    admin.describeShareGroups(Set.of(group)).all().get().get(group).members())
                    .as("every member is assigned every partition").hasSize(EXECUTORS)
                    .allSatisfy(m -> assertThat(m.assignment().topicPartitions()).hasSize(PARTITIONS)));
        }

        for (int i = 0; i < REQUESTS; i++) {
            kafka.sendRaw(topic, i % PARTITIONS, "session-" + i, "request-" + i, Map.of());
        }

        await().atMost(WAIT).until(() -> handedOver.size() == REQUESTS
                && executors.stream().mapToInt(e -> e.worked.get()).sum() == REQUESTS);
        assertThat(allBusyReached).as("thirty executors held a request at the same time").isTrue();
        assertThat(handedOver.values()).as("each request handed over exactly once").hasSize(REQUESTS)
                .allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        assertThat(executors).as("every executor worked").allSatisfy(e -> assertThat(e.worked.get()).isPositive());
        assertThat(kafka.records(Topics.deadLetter(topic))).isEmpty();
    }

    private Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", bootstrap));
    }
}
