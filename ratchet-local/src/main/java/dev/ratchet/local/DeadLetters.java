package dev.ratchet.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.ratchet.core.event.Topics;

/**
 * Ratchet's dead-letter topics through a plain Kafka client: lists their records with whether each was replayed,
 * and replays them onto their original topics at least once. What was replayed is kept as the committed offsets of
 * the consumer group {@code ratchet-dlq-replay} ({@link ReplayLog}); records are sent, acknowledged by the broker,
 * and only then marked, so a replay interrupted in between sends them again next time, which the services' event-id
 * deduplication absorbs.
 */
public final class DeadLetters implements AutoCloseable {

    static final String REPLAY_GROUP = "ratchet-dlq-replay";
    /** Every request gives up after 15 s: a wrong address or a stopped broker is an error, not a hang. */
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(200);

    /** What a replay did, counted in records. */
    record Replay(String dlq, int replayed, int replayedBefore, int otherSessions, List<String> skipped,
            List<String> failed) {
    }

    private final String bootstrapServers;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private KafkaProducer<byte[], byte[]> producer;

    public DeadLetters(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers, "group.id", REPLAY_GROUP,
                "client.id", "ratchet-dlq", "enable.auto.commit", false, "request.timeout.ms",
                (int) TIMEOUT.toMillis(), "default.api.timeout.ms", (int) TIMEOUT.toMillis()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The dead-letter topic of each of Ratchet's topics. */
    static List<String> topics() {
        return Topics.all().stream().map(Topics.TopicSpec::name).filter(n -> n.endsWith(Topics.DLQ_SUFFIX)).toList();
    }

    /** Every record of {@code dlq} as it is on the topic, oldest first; none when there is no such topic. */
    public List<ConsumerRecord<byte[], byte[]>> records(String dlq) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        partitions(dlq).ifPresent(p -> scan(p, endOffsets(p), records::add));
        return records;
    }

    /** Visits every record of {@code dlq}, oldest first, with whether it was replayed; false when there is no topic. */
    boolean list(String dlq, BiConsumer<DeadLetter, Boolean> visitor) {
        Optional<List<TopicPartition>> partitions = partitions(dlq);
        if (partitions.isEmpty()) {
            return false;
        }
        Map<TopicPartition, ReplayLog> logs = replayLogs(partitions.get());
        scan(partitions.get(), endOffsets(partitions.get()), r -> visitor.accept(new DeadLetter(r),
                logs.get(new TopicPartition(r.topic(), r.partition())).replayed(r.offset())));
        return true;
    }

    /**
     * Sends the records of {@code dlq} that were not replayed yet (only {@code session}'s, when given) back to their
     * original topics, and marks them replayed.
     */
    Replay replay(String dlq, Optional<String> session) {
        List<TopicPartition> partitions = partitions(dlq).orElseThrow(() -> new IllegalArgumentException(
                "there is no topic " + dlq + " on " + bootstrapServers + " (the services create it at start-up)"));
        Map<TopicPartition, ReplayLog> logs = replayLogs(partitions);
        Map<TopicPartition, Long> end = endOffsets(partitions);
        Map<TopicPartition, List<Long>> existing = new HashMap<>();
        Map<TopicPartition, Set<Long>> chosen = new HashMap<>();
        int[] before = {0};
        int[] others = {0};
        List<String> skipped = new ArrayList<>();
        // First pass: decide from the headers alone, so the replay log's size is known before anything is sent.
        // Both passes read from the first record: dead-letter topics are small, and the counts stay exact.
        scan(partitions, end, r -> {
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            existing.computeIfAbsent(tp, k -> new ArrayList<>()).add(r.offset());
            DeadLetter letter = new DeadLetter(r);
            if (logs.get(tp).replayed(r.offset())) {
                before[0]++;
            } else if (session.isPresent() && !session.equals(letter.session())) {
                others[0]++;
            } else if (letter.replayProblem().isPresent()) {
                skipped.add(r.partition() + "/" + r.offset() + ": " + letter.replayProblem().get());
            } else {
                chosen.computeIfAbsent(tp, k -> new TreeSet<>()).add(r.offset());
            }
        });
        for (TopicPartition tp : partitions) {
            ReplayLog after = logs.get(tp).with(chosen.getOrDefault(tp, Set.of()), existing.getOrDefault(tp,
                    List.of()), end.get(tp));
            if (after.metadata().length() > ReplayLog.MAX_METADATA) {
                throw new IllegalStateException("replaying these records would leave too many unreplayed gaps in "
                        + tp + " to remember; replay it without --session first");
            }
        }
        Map<TopicPartition, Map<Long, Future<RecordMetadata>>> sent = send(partitions, end, chosen);
        List<String> failed = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> commits = new LinkedHashMap<>();
        int replayed = 0;
        for (TopicPartition tp : partitions) {
            List<Long> delivered = new ArrayList<>();
            for (Map.Entry<Long, Future<RecordMetadata>> send : sent.getOrDefault(tp, Map.of()).entrySet()) {
                try {
                    send.getValue().get();
                    delivered.add(send.getKey());
                } catch (ExecutionException e) {
                    failed.add(tp.partition() + "/" + send.getKey() + ": " + e.getCause().getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while replaying " + dlq, e);
                }
            }
            replayed += delivered.size();
            commits.put(tp, logs.get(tp).with(delivered, existing.getOrDefault(tp, List.of()), end.get(tp))
                    .toCommit());
        }
        consumer.commitSync(commits, TIMEOUT);
        return new Replay(dlq, replayed, before[0], others[0], List.copyOf(skipped), List.copyOf(failed));
    }

    /** Second pass: sends the chosen records, each to its original topic (and partition, when it exists). */
    private Map<TopicPartition, Map<Long, Future<RecordMetadata>>> send(List<TopicPartition> partitions,
            Map<TopicPartition, Long> end, Map<TopicPartition, Set<Long>> chosen) {
        Map<TopicPartition, Map<Long, Future<RecordMetadata>>> sent = new HashMap<>();
        if (chosen.isEmpty()) {
            return sent;
        }
        Map<String, Integer> partitionCounts = new HashMap<>();
        scan(partitions, end, r -> {
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            if (chosen.getOrDefault(tp, Set.of()).contains(r.offset())) {
                DeadLetter letter = new DeadLetter(r);
                int count = partitionCounts.computeIfAbsent(letter.originalTopic(),
                        t -> consumer.partitionsFor(t, TIMEOUT).size());
                sent.computeIfAbsent(tp, k -> new LinkedHashMap<>()).put(r.offset(),
                        producer().send(letter.toReplay(count)));
            }
        });
        producer().flush();
        return sent;
    }

    private Optional<List<TopicPartition>> partitions(String topic) {
        try {
            List<PartitionInfo> infos = consumer.listTopics(TIMEOUT).get(topic);
            return infos == null || infos.isEmpty() ? Optional.empty() : Optional.of(infos.stream()
                    .map(p -> new TopicPartition(topic, p.partition())).sorted((a, b) -> a.partition() - b.partition())
                    .toList());
        } catch (KafkaException e) {
            throw new IllegalStateException("cannot reach Kafka at " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }

    private Map<TopicPartition, ReplayLog> replayLogs(List<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions), TIMEOUT);
        Map<TopicPartition, ReplayLog> logs = new HashMap<>();
        partitions.forEach(tp -> logs.put(tp, ReplayLog.of(committed.get(tp))));
        return logs;
    }

    private Map<TopicPartition, Long> endOffsets(List<TopicPartition> partitions) {
        return consumer.endOffsets(partitions, TIMEOUT);
    }

    /**
     * Reads the partitions from their first record up to {@code end}, taken before the read: records dead-lettered
     * meanwhile (a replayed record that fails again, say) wait for the next run.
     */
    private void scan(List<TopicPartition> partitions, Map<TopicPartition, Long> end,
            Consumer<ConsumerRecord<byte[], byte[]>> visitor) {
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        long stalledSince = System.nanoTime();
        long lastPositions = -1;
        while (true) {
            long positions = 0;
            boolean done = true;
            for (TopicPartition tp : partitions) {
                long position = consumer.position(tp, TIMEOUT);
                positions += position;
                done &= position >= end.get(tp);
            }
            if (done) {
                break;
            }
            if (positions != lastPositions) {
                lastPositions = positions;
                stalledSince = System.nanoTime();
            } else if (System.nanoTime() - stalledSince > TIMEOUT.toNanos()) {
                throw new IllegalStateException("reading " + partitions + " from " + bootstrapServers
                        + " made no progress for " + TIMEOUT.toSeconds() + " s");
            }
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            for (ConsumerRecord<byte[], byte[]> r : records) {
                if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                    visitor.accept(r);
                }
            }
        }
        consumer.assign(List.of());
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers, "client.id",
                    "ratchet-dlq-replay", "acks", "all", "enable.idempotence", true, "max.block.ms",
                    (int) TIMEOUT.toMillis(), "request.timeout.ms", (int) TIMEOUT.toMillis(), "delivery.timeout.ms",
                    (int) TIMEOUT.multipliedBy(2).toMillis()), new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(TIMEOUT);
        }
        consumer.close(TIMEOUT);
    }
}
