package dev.ratchet.planner.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.ratchet.core.event.Topics;

/**
 * The broker's side of the cluster view, read with one Kafka Admin client per look: each service's consumer group
 * (state, members, backlog on the topic it consumes) and each dead-letter topic's records. Every call is bounded.
 */
@ApplicationScoped
public class KafkaGroups {

    /** Each service's consumer group and the topic it reads (the services' application.properties). */
    static final List<Group> GROUPS = List.of(new Group("executor", "ratchet-executors", Topics.STEPS_REQUESTED),
            new Group("verifier", "ratchet-verifiers", Topics.STEPS_EXECUTED),
            new Group("planner", "ratchet-planner", Topics.STEPS_VERDICTS),
            new Group("skills-registry", "ratchet-skills", Topics.SESSIONS_EVENTS));

    /** A broker that does not answer within 3 s is reported as such; the page asks again in 5 s. */
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    record Group(String service, String id, String topic) {
    }

    /** What the broker said: the groups and dead letters. */
    record Look(List<ClusterView.Group> groups, List<ClusterView.DeadLetters> deadLetters) {
    }

    private final String bootstrapServers;

    KafkaGroups(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** @throws IllegalStateException naming the broker's failure (or silence) */
    Look look() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()))) {
            // Describing a group the broker does not know is an error (GroupIdNotFoundException since Kafka 4.0):
            // only the groups it lists are described; the others have no consumer and no committed offset.
            Set<String> known = get(admin.listGroups().all()).stream().map(GroupListing::groupId)
                    .collect(Collectors.toSet());
            Map<String, ConsumerGroupDescription> described = get(admin.describeConsumerGroups(
                    GROUPS.stream().map(Group::id).filter(known::contains).toList()).all());
            // A topic no service created yet (a dead-letter topic is made by the service that dead-letters) counts 0.
            Set<String> existing = get(admin.listTopics().names());
            List<String> topics = new ArrayList<>();
            GROUPS.forEach(g -> topics.add(g.topic()));
            GROUPS.forEach(g -> topics.add(Topics.deadLetter(g.topic())));
            topics.retainAll(existing);
            List<TopicPartition> partitions = get(admin.describeTopics(topics).allTopicNames()).values().stream()
                    .flatMap(t -> t.partitions().stream().map(p -> new TopicPartition(t.name(), p.partition())))
                    .toList();
            Map<TopicPartition, Long> ends = offsets(admin, partitions, OffsetSpec.latest());
            Map<TopicPartition, Long> starts = offsets(admin, partitions, OffsetSpec.earliest());
            List<ClusterView.Group> groups = new ArrayList<>();
            for (Group g : GROUPS) {
                Map<TopicPartition, OffsetAndMetadata> committed = known.contains(g.id())
                        ? get(admin.listConsumerGroupOffsets(g.id()).partitionsToOffsetAndMetadata()) : Map.of();
                long lag = partitions.stream().filter(p -> p.topic().equals(g.topic())).mapToLong(p -> {
                    OffsetAndMetadata done = committed.get(p);
                    return Math.max(0, ends.get(p) - (done == null ? starts.get(p) : done.offset()));
                }).sum();
                ConsumerGroupDescription d = described.get(g.id());
                groups.add(new ClusterView.Group(g.id(), g.service(), g.topic(),
                        d == null ? "NONE" : d.groupState().toString(), d == null ? 0 : d.members().size(), lag));
            }
            List<ClusterView.DeadLetters> dead = GROUPS.stream().map(g -> Topics.deadLetter(g.topic()))
                    .map(t -> new ClusterView.DeadLetters(t, partitions.stream().filter(p -> p.topic().equals(t))
                            .mapToLong(p -> ends.get(p) - starts.get(p)).sum()))
                    .toList();
            return new Look(groups, dead);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker at " + bootstrapServers + " gave no answer within "
                    + TIMEOUT.toSeconds() + " s: " + (e.getCause() == null ? e : e.getCause()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the broker", e);
        }
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, TimeoutException, InterruptedException {
        return get(admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec)))
                .all()).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static <T> T get(KafkaFuture<T> future)
            throws ExecutionException, TimeoutException, InterruptedException {
        return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
