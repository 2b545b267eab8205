package dev.ratchet.planner.kubernetes;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.ratchet.core.event.Topics;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.runtime.messaging.GroupBacklog;
import io.quarkus.redis.datasource.RedisDataSource;

/**
 * What the executors have to do: step requests no executor has taken (the executors' group's lag on
 * ratchet.steps.requested: executors acknowledge a record as they take it) and steps they are working on (their
 * unexpired work leases in Redis, over the unfinished sessions).
 */
@ApplicationScoped
public class ExecutorDemand {

    /** The Admin calls' bound: a broker that does not answer within it makes the autoscaler skip a round. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String EXECUTOR_LEASE = "executor:";

    private final String bootstrapServers;
    private final RedisDataSource redis;

    ExecutorDemand(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, RedisDataSource redis) {
        this.bootstrapServers = bootstrapServers;
        this.redis = redis;
    }

    /**
     * Requests waiting: the group's unfinished records on ratchet.steps.requested ({@link GroupBacklog}: the share
     * group's lag, or end less committed offsets for the consumer group of {@code dispatch=partitions}).
     */
    public long backlog(String group) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()))) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.STEPS_REQUESTED)).allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(Topics.STEPS_REQUESTED).partitions().stream()
                    .map(p -> new TopicPartition(Topics.STEPS_REQUESTED, p.partition())).toList();
            return GroupBacklog.of(admin, group, GroupBacklog.type(admin, group, TIMEOUT), partitions,
                    offsets(admin, partitions, OffsetSpec.earliest()), offsets(admin, partitions, OffsetSpec.latest()),
                    TIMEOUT);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the executors' backlog could not be read: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the executors' backlog", e);
        }
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, TimeoutException, InterruptedException {
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec))).all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** Steps in flight: executor leases not yet expired, in every session that has a deadline (unfinished). */
    public long inFlight(long nowMillis) {
        long count = 0;
        for (String session : redis.sortedSet(String.class).zrange(RedisKeys.DEADLINES, 0, -1)) {
            for (Map.Entry<String, String> lease : redis.hash(String.class).hgetall(RedisKeys.work(session))
                    .entrySet()) {
                if (lease.getKey().startsWith(EXECUTOR_LEASE) && expiry(lease.getValue()) > nowMillis) {
                    count++;
                }
            }
        }
        return count;
    }

    /** A lease's value is {@code <owner>|<expiry epoch ms>}. */
    private static long expiry(String lease) {
        int bar = lease.lastIndexOf('|');
        try {
            return bar < 0 ? 0 : Long.parseLong(lease.substring(bar + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
