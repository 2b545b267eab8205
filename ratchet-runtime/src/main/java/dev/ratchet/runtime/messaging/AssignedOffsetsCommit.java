package dev.ratchet.runtime.messaging;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.commit.ContextHolder;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import io.smallrye.reactive.messaging.providers.helpers.VertxContext;
import io.vertx.mutiny.core.Vertx;

/**
 * The commit strategy of every Ratchet channel ({@value #STRATEGY}): SmallRye's throttled strategy (commit, every
 * {@code auto.commit.interval.ms}, the offset past the longest run of acknowledged records; commit on revocation
 * and on stop), except that a partition's committed offset is looked up when the partition is assigned, in the
 * rebalance callback on the polling thread, instead of when its first record arrives. SmallRye 4.33's throttled
 * strategy does the lookup then, queued on the polling thread behind the poll in progress, so that first record
 * waited out the poll timeout: 111-127 ms per partition (24 per topic) after every start, scale-up and rebalance
 * with {@code poll-timeout=100}. A lookup that fails at assignment (the broker away) is done at the first record,
 * as SmallRye does. {@code throttled.unprocessed-record-max-age.ms} is honoured (the channel reported failed when a
 * record waits longer for its acknowledgement); {@code throttled.ordered} is not supported (no channel uses it).
 */
public final class AssignedOffsetsCommit extends ContextHolder implements KafkaCommitHandler {

    public static final String STRATEGY = "ratchet-throttled";

    private static final Logger LOG = Logger.getLogger(AssignedOffsetsCommit.class);

    private final KafkaConsumer<?, ?> consumer;
    private final BiConsumer<Throwable, Boolean> reportFailure;
    private final int commitIntervalMs;
    private final int maxWaitMs;
    /** Only touched on the channel's event loop (the captured context). */
    private final Map<TopicPartition, PartitionOffsets> partitions = new HashMap<>();
    private final Set<TopicPartition> assignment = new HashSet<>();
    private long timer = -1;

    @ApplicationScoped
    @Identifier(STRATEGY)
    public static class Factory implements KafkaCommitHandler.Factory {

        private final Set<String> channels = ConcurrentHashMap.newKeySet();

        /** The channels that commit through this strategy in this process. */
        public Set<String> channels() {
            return Set.copyOf(channels);
        }

        @Override
        public KafkaCommitHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx,
                KafkaConsumer<?, ?> consumer, BiConsumer<Throwable, Boolean> reportFailure) {
            channels.add(config.getChannel());
            int interval = config.config().getOptionalValue(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG,
                    Integer.class).orElse(5000);
            int timeout = config.config().getOptionalValue(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                    Integer.class).orElse(60000);
            return new AssignedOffsetsCommit(vertx, consumer, reportFailure, interval, timeout,
                    config.getThrottledUnprocessedRecordMaxAgeMs());
        }
    }

    private AssignedOffsetsCommit(Vertx vertx, KafkaConsumer<?, ?> consumer,
            BiConsumer<Throwable, Boolean> reportFailure, int commitIntervalMs, int timeoutMs, int maxWaitMs) {
        super(vertx, timeoutMs);
        this.consumer = consumer;
        this.reportFailure = reportFailure;
        this.commitIntervalMs = commitIntervalMs;
        this.maxWaitMs = maxWaitMs;
    }

    /** On the polling thread, inside {@code poll()}: blocking consumer calls are allowed here. */
    @Override
    public void partitionsAssigned(Collection<TopicPartition> assigned) {
        Map<TopicPartition, OffsetAndMetadata> committed = null;
        try {
            committed = consumer.unwrap().committed(new HashSet<>(assigned),
                    Duration.ofMillis(getTimeoutInMillis()));
        } catch (RuntimeException e) {
            LOG.warnf("looking up the committed offsets of %s at assignment failed (%s); each is looked up when its "
                    + "first record arrives", assigned, e);
        }
        Map<TopicPartition, OffsetAndMetadata> found = committed;
        runOnContextAndAwait(() -> {
            assignment.addAll(assigned);
            if (found != null) {
                assigned.forEach(tp -> partitions.computeIfAbsent(tp, p -> new PartitionOffsets(offset(found, p))));
            }
            startTimer();
            return null;
        });
    }

    /** On the polling thread: what was acknowledged on the revoked partitions is committed before they go. */
    @Override
    public void partitionsRevoked(Collection<TopicPartition> revoked) {
        Map<TopicPartition, OffsetAndMetadata> commit = runOnContextAndAwait(() -> {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            assignment.removeAll(revoked);
            revoked.forEach(tp -> {
                PartitionOffsets p = partitions.remove(tp);
                long offset = p == null ? -1 : p.finalCommit();
                if (offset >= 0) {
                    offsets.put(tp, new OffsetAndMetadata(offset));
                }
            });
            return offsets;
        });
        if (!commit.isEmpty()) {
            consumer.unwrap().commitSync(commit);
        }
    }

    /** On the event loop. */
    @Override
    public <K, V> Uni<IncomingKafkaRecord<K, V>> received(IncomingKafkaRecord<K, V> record) {
        TopicPartition tp = new TopicPartition(record.getTopic(), record.getPartition());
        PartitionOffsets known = partitions.get(tp);
        if (known != null) {
            known.received(record.getOffset(), System.currentTimeMillis());
            return Uni.createFrom().item(record);
        }
        // The lookup at assignment failed: as SmallRye's throttled strategy, wait for it now. A record of a
        // partition revoked meanwhile is not tracked (its acknowledgement is ignored; its new owner gets it again).
        return consumer.committed(tp).emitOn(this::runOnContext).map(committed -> {
            if (assignment.contains(tp)) {
                partitions.computeIfAbsent(tp, p -> new PartitionOffsets(offset(committed, p)))
                        .received(record.getOffset(), System.currentTimeMillis());
            }
            return record;
        });
    }

    /** Any thread: the acknowledgement is recorded on the event loop, then the record's context goes on. */
    @Override
    public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record) {
        return Uni.createFrom().completionStage(VertxContext.runOnEventLoopContext(context.getDelegate(), f -> {
            PartitionOffsets p = partitions.get(new TopicPartition(record.getTopic(), record.getPartition()));
            if (p != null) {
                p.acknowledged(record.getOffset());
            }
            // else the partition was revoked meanwhile: its new owner gets the record again (at-least-once).
            record.runOnMessageContext(() -> f.complete(null));
        }));
    }

    @Override
    public void terminate(boolean graceful) {
        Map<TopicPartition, OffsetAndMetadata> commit = runOnContextAndAwait(() -> {
            cancelTimer();
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            partitions.forEach((tp, p) -> {
                long offset = p.finalCommit();
                if (offset >= 0) {
                    offsets.put(tp, new OffsetAndMetadata(offset));
                }
            });
            partitions.clear();
            assignment.clear();
            return offsets;
        });
        if (!commit.isEmpty()) {
            consumer.commit(commit).await().atMost(Duration.ofMillis(getTimeoutInMillis()));
        }
    }

    /** On the event loop: commit what moved, report a record that waited too long, and come back. */
    private void flush() {
        timer = -1;
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        long now = System.currentTimeMillis();
        partitions.forEach((tp, p) -> {
            long offset = p.toCommit();
            if (offset >= 0) {
                offsets.put(tp, new OffsetAndMetadata(offset));
            }
            long waited = p.oldestWaitMillis(now);
            if (maxWaitMs > 0 && waited > maxWaitMs) {
                reportFailure.accept(new IllegalStateException(String.format("a record on %s has waited %d ms for "
                        + "its acknowledgement (limit %d ms); %d unacknowledged", tp, waited, maxWaitMs,
                        p.unacknowledged())), true);
            }
        });
        if (offsets.isEmpty()) {
            startTimer();
            return;
        }
        consumer.commit(offsets).subscribe().with(ok -> runOnContext(() -> {
            offsets.forEach((tp, o) -> {
                PartitionOffsets p = partitions.get(tp);
                if (p != null) {
                    p.committed(o.offset());
                }
            });
            startTimer();
        }), failure -> {
            LOG.warnf("committing %s failed (%s); the next commit sends them again", offsets, failure);
            runOnContext(this::startTimer);
        });
    }

    private void startTimer() {
        if (timer < 0) {
            timer = vertx.setTimer(commitIntervalMs, id -> runOnContext(this::flush));
        }
    }

    private void cancelTimer() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    private static long offset(Map<TopicPartition, OffsetAndMetadata> committed, TopicPartition tp) {
        OffsetAndMetadata c = committed == null ? null : committed.get(tp);
        return c == null ? -1 : c.offset();
    }
}
