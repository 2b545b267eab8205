package dev.ratchet.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ratchet.core.event.CloudEventHeaders;
import dev.ratchet.core.event.EventCodec;
import dev.ratchet.core.event.RatchetEvent;
import dev.ratchet.core.event.Topics;
import dev.ratchet.core.json.Json;

/**
 * Records that can never be a Ratchet event of a service's topic go to {@code <topic>.dlq} with SmallRye's
 * dead-letter headers and their own headers, key and value kept, and the consumer carries on with the next record
 * of the same partition. One scenario, one {@code @QuarkusTest} subclass per consuming service (java-operator-sdk's
 * abstract test pattern, as {@code InfraContract}).
 */
public abstract class PoisonRecordsContract {

    protected static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PARTITION = 0;

    protected final KafkaProbe kafka = KafkaProbe.shared();

    /** What one poison record must be dead-lettered with. */
    protected record Poison(String value, Map<String, String> headers, String reason) {

        /** The event's own data and CloudEvents headers with {@code changes} applied (a null value drops one). */
        public static Poison of(RatchetEvent event, Map<String, String> changes, String reason) {
            Map<String, String> headers = new HashMap<>(KafkaProbe.ceHeaders(event));
            changes.forEach((k, v) -> {
                if (v == null) {
                    headers.remove(k);
                } else {
                    headers.put(k, v);
                }
            });
            return new Poison(EventCodec.encode(event), Map.copyOf(headers), reason);
        }

        public Poison withValue(String other) {
            return new Poison(other, headers, reason);
        }
    }

    /** The topic the service consumes. */
    protected abstract String topic();

    /** The service's consumer group. */
    protected abstract String group();

    /** A valid input about a new session {@code session}, prepared in Redis as the service needs it. */
    protected abstract RatchetEvent validInput(String session);

    /** A well-formed Ratchet event about the same session of a type that does not belong on {@link #topic()}. */
    protected abstract RatchetEvent misrouted(RatchetEvent valid);

    /**
     * Asserts that the service did its work on {@code valid}, sent after the poison (the group has already handled
     * its record {@code sent}).
     */
    protected abstract void assertHandled(RatchetEvent valid, RecordMetadata sent);

    /** Poison only this service can tell (e.g. a verdict for a session that does not exist), by name. */
    protected Map<String, Poison> ownPoison(RatchetEvent valid) {
        return Map.of();
    }

    @Test
    void poisonRecordsAreDeadLetteredWithTheirHeadersAndTheConsumerCarriesOn() {
        String session = UUID.randomUUID().toString();
        RatchetEvent valid = validInput(session);
        Map<String, Poison> poison = new LinkedHashMap<>(commonPoison(valid));
        poison.putAll(ownPoison(valid));

        Map<String, RecordMetadata> sent = new HashMap<>();
        poison.forEach((name, p) -> sent.put(name, kafka.sendRaw(topic(), PARTITION, session + "/" + name,
                p.value(), p.headers())));
        RecordMetadata next = kafka.send(valid, PARTITION);

        Map<String, ConsumerRecord<String, String>> dead = await().atMost(WAIT).until(
                () -> deadLetters(session), found -> found.keySet().containsAll(poison.keySet()));
        assertThat(dead).containsOnlyKeys(poison.keySet());
        poison.forEach((name, p) -> assertDeadLetter(name, dead.get(name), p, sent.get(name)));

        kafka.awaitHandled(group(), next, WAIT);
        assertHandled(valid, next);
    }

    private Map<String, Poison> commonPoison(RatchetEvent valid) {
        String type = valid.eventType().ceType();
        Map<String, Poison> poison = new LinkedHashMap<>();
        poison.put("not-json", Poison.of(valid, Map.of(), "invalid " + type + " data: ")
                .withValue("{\"eventId\": <html>"));
        poison.put("no-headers", new Poison(EventCodec.encode(valid), Map.of(),
                "missing header ce_specversion: not a binary-mode CloudEvent"));
        poison.put("unknown-type", Poison.of(valid, Map.of(CloudEventHeaders.TYPE, "dev.ratchet.nothing.v9"),
                "unknown event type 'dev.ratchet.nothing.v9'"));
        RatchetEvent other = misrouted(valid);
        poison.put("misrouted", Poison.of(other, Map.of(), other.eventType().ceType() + " does not belong on "));
        String wrongId = UUID.randomUUID().toString();
        poison.put("id-mismatch", Poison.of(valid, Map.of(CloudEventHeaders.ID, wrongId), "header ce_id " + wrongId
                + " does not match data eventId " + valid.eventId()));
        Map<String, String> noId = new HashMap<>();
        noId.put(CloudEventHeaders.ID, null);
        poison.put("no-id", Poison.of(valid, noId, "missing header ce_id"));
        ObjectNode noPayload = Json.mapper().valueToTree(valid);
        noPayload.putNull("payload");
        poison.put("no-payload", Poison.of(valid, Map.of(), type + " data lacks its payload")
                .withValue(noPayload.toString()));
        return poison;
    }

    private Map<String, ConsumerRecord<String, String>> deadLetters(String session) {
        Map<String, ConsumerRecord<String, String>> dead = new HashMap<>();
        kafka.records(Topics.deadLetter(topic())).stream()
                .filter(r -> r.key() != null && r.key().startsWith(session + "/"))
                .forEach(r -> dead.put(r.key().substring(session.length() + 1), r));
        return dead;
    }

    private void assertDeadLetter(String name, ConsumerRecord<String, String> dead, Poison poison,
            RecordMetadata sent) {
        assertThat(dead.value()).as("%s: the value as sent", name).isEqualTo(poison.value());
        assertThat(header(dead, "dead-letter-reason")).as("%s: reason", name).startsWith(poison.reason());
        assertThat(header(dead, "dead-letter-exception-class-name")).as(name)
                .isEqualTo("dev.ratchet.core.event.PoisonEventException");
        assertThat(header(dead, "dead-letter-topic")).as(name).isEqualTo(topic());
        assertThat(header(dead, "dead-letter-partition")).as(name).isEqualTo(Integer.toString(sent.partition()));
        assertThat(header(dead, "dead-letter-offset")).as(name).isEqualTo(Long.toString(sent.offset()));
        poison.headers().forEach((k, v) -> assertThat(header(dead, k)).as("%s: header %s kept", name, k)
                .isEqualTo(v));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return KafkaProbe.header(record, name).orElse(null);
    }
}
