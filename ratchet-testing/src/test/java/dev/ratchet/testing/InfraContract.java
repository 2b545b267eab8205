package dev.ratchet.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.SessionCreated;
import dev.ratchet.core.event.Topics;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;

/**
 * What Ratchet needs from its infrastructure, checked against each flavour of it: the embedded broker and
 * redis-server used everywhere, and containers where a Docker engine exists.
 */
abstract class InfraContract {

    abstract String bootstrapServers();

    abstract String redisUrl();

    @Test
    void kafkaCarriesABinaryModeCloudEventOnAnExplicitlyCreatedTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get();
            if (!existing.contains(Topics.SESSIONS_EVENTS)) {
                admin.createTopics(List.of(new NewTopic(Topics.SESSIONS_EVENTS, 6, (short) 1))).all().get();
            }
            assertThat(admin.describeTopics(List.of(Topics.SESSIONS_EVENTS)).allTopicNames().get()
                    .get(Topics.SESSIONS_EVENTS).partitions()).hasSize(6);
        }
        String session = UUID.randomUUID().toString();
        try (KafkaProbe probe = new KafkaProbe(bootstrapServers())) {
            probe.send(SessionCreated.of(session, Instant.now(), new SessionCreated.Payload("/repo", "goal", "abc",
                    List.of())));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    probe.events(SessionCreated.class, e -> e.sessionId().equals(session))).hasSize(1));
        }
    }

    @Test
    void redisKeepsHashesStreamsAndTransactions() {
        try (Jedis redis = new Jedis(URI.create(redisUrl()))) {
            String key = "ratchet:contract:" + UUID.randomUUID();
            redis.hset(key, Map.of("status", "RUNNING"));
            redis.watch(key);
            var tx = redis.multi();
            tx.hset(key, "status", "COMPLETED");
            tx.xadd(key + ":progress", StreamEntryID.NEW_ENTRY, Map.of("type", "session.completed"));
            assertThat(tx.exec()).hasSize(2);
            assertThat(redis.hget(key, "status")).isEqualTo("COMPLETED");
            assertThat(redis.xlen(key + ":progress")).isEqualTo(1);
        }
    }
}
