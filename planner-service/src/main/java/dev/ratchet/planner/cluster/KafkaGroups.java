package dev.ratchet.planner.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ShareGroupDescription;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.ratchet.core.event.Topics;
import dev.ratchet.runtime.messaging.GroupBacklog;

/**
 * The broker's side of the cluster view, read with one Kafka Admin client per look: each service's group, a
 * consumer group or the executors' share group (state, members, backlog on the topic it consumes) and each
 * dead-letter topic's records. Every call is bounded.
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
            Map<String, GroupType> known = new HashMap<>();
            get(admin.listGroups().all()).forEach(g -> known.put(g.groupId(), g.type().orElse(GroupType.UNKNOWN)));
            // The executors' group is a share group with dispatch=share-group (described apart: describing a group
            // as the other kind fails).
            Map<String, ConsumerGroupDescription> described = get(admin.describeConsumerGroups(GROUPS.stream()
                    .map(Group::id).filter(id -> known.containsKey(id) && known.get(id) != GroupType.SHARE)
                    .toList()).all());
            Map<String, ShareGroupDescription> shared = get(admin.describeShareGroups(GROUPS.stream()
                    .map(Group::id).filter(id -> known.get(id) == GroupType.SHARE).toList()).all());
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
                List<TopicPartition> read = partitions.stream().filter(p -> p.topic().equals(g.topic())).toList();
                long lag = GroupBacklog.of(admin, g.id(), Optional.ofNullable(known.get(g.id())), read, starts, ends,
                        TIMEOUT);
                ConsumerGroupDescription d = described.get(g.id());
                ShareGroupDescription s = shared.get(g.id());
                String state = d != null ? d.groupState().toString() : s != null ? s.groupState().toString() : "NONE";
                int members = d != null ? d.members().size() : s != null ? s.members().size() : 0;
                groups.add(new ClusterView.Group(g.id(), g.service(), g.topic(), state, members, lag));
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
