package dev.ratchet.runtime.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec;
import org.apache.kafka.clients.admin.SharePartitionOffsetInfo;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * The records a group has not finished on some partitions, whatever kind of group it is: for a consumer group, each
 * partition's end offset less its committed offset; for a share group (the executors' input), the broker's share
 * lag, the records not yet acknowledged (acquired ones included), or the records from its start offset when the
 * broker gives no lag. A partition the group never read counts from the partition's start: a share group reads from
 * the earliest record ({@link ShareGroupInput}), a consumer group from {@code auto.offset.reset=earliest}.
 */
public final class GroupBacklog {

    private GroupBacklog() {
    }

    /** The group's kind as the broker lists it; empty when the broker does not know the group. */
    public static Optional<GroupType> type(Admin admin, String group, Duration timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        return get(admin.listGroups().all(), timeout).stream().filter(g -> g.groupId().equals(group)).findFirst()
                .flatMap(GroupListing::type);
    }

    /**
     * @param type from {@link #type}; empty: nothing read yet
     * @param starts and {@code ends}: every partition's earliest and latest offsets
     */
    public static long of(Admin admin, String group, Optional<GroupType> type, List<TopicPartition> partitions,
            Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends, Duration timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        if (type.isEmpty()) {
            return partitions.stream().mapToLong(p -> Math.max(0, ends.get(p) - starts.get(p))).sum();
        }
        if (type.get() == GroupType.SHARE) {
            Map<TopicPartition, SharePartitionOffsetInfo> offsets = get(admin.listShareGroupOffsets(Map.of(group,
                    new ListShareGroupOffsetsSpec().topicPartitions(partitions))).partitionsToOffsetInfo(group),
                    timeout);
            return partitions.stream().mapToLong(p -> {
                SharePartitionOffsetInfo info = offsets.get(p);
                long from = info == null ? starts.get(p) : info.startOffset();
                return Math.max(0, info == null ? ends.get(p) - from : info.lag().orElse(ends.get(p) - from));
            }).sum();
        }
        Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata(), timeout);
        return partitions.stream().mapToLong(p -> {
            OffsetAndMetadata done = committed.get(p);
            return Math.max(0, ends.get(p) - (done == null ? starts.get(p) : done.offset()));
        }).sum();
    }

    private static <T> T get(KafkaFuture<T> future, Duration timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
