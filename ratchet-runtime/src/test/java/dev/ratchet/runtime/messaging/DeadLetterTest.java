package dev.ratchet.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.SessionCreated;
import dev.ratchet.core.event.Topics;
import dev.ratchet.runtime.Samples;
import dev.ratchet.runtime.testapp.ProbeConsumer;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What reaches the dead-letter topic, through a consumer written as the services write theirs: poison at once,
 * with SmallRye's dead-letter headers in full and the record as it came; an ordinary failure after its retries,
 * with its cause; an outage never, however many tries it takes.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
class DeadLetterTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String DLQ = Topics.deadLetter(Topics.SESSIONS_EVENTS);

    @Inject
    ProbeConsumer probe;

    final KafkaProbe kafka = KafkaProbe.shared();

    @Test
    void aPoisonRecordIsDeadLetteredAtOnceWithEveryHeaderAndAsItCame() {
        String session = UUID.randomUUID().toString();
        SessionCreated created = Samples.created(session);
        Map<String, String> headers = KafkaProbe.ceHeaders(created);
        RecordMetadata sent = kafka.sendRaw(Topics.SESSIONS_EVENTS, session, "{\"eventId\": <not json>", headers);

        ConsumerRecord<String, String> dead = deadLetter(session);

        assertThat(dead.key()).isEqualTo(session);
        assertThat(dead.value()).isEqualTo("{\"eventId\": <not json>");
        assertThat(header(dead, "dead-letter-reason")).startsWith("invalid dev.ratchet.session.created.v1 data: ");
        assertThat(header(dead, "dead-letter-exception-class-name"))
                .isEqualTo("dev.ratchet.core.event.PoisonEventException");
        assertThat(header(dead, "dead-letter-topic")).isEqualTo(Topics.SESSIONS_EVENTS);
        assertThat(header(dead, "dead-letter-partition")).isEqualTo(Integer.toString(sent.partition()));
        assertThat(header(dead, "dead-letter-offset")).isEqualTo(Long.toString(sent.offset()));
        assertThat(header(dead, "dead-letter-cause")).as("poison has no cause").isNull();
        headers.forEach((name, value) -> assertThat(header(dead, name)).as("header %s kept", name)
                .isEqualTo(value));
        assertThat(probe.attempts(session)).as("never handled").isZero();
    }

    @Test
    void anOrdinaryFailureIsDeadLetteredAfterThreeRetriesWithItsCause() {
        String session = UUID.randomUUID().toString();
        IllegalStateException failure = new IllegalStateException("the handler failed",
                new IllegalArgumentException("what it failed on"));
        probe.script(session, failure, failure, failure, failure);
        RecordMetadata sent = kafka.send(Samples.created(session));

        ConsumerRecord<String, String> dead = deadLetter(session);

        assertThat(probe.attempts(session)).as("the first try and 3 retries").isEqualTo(4);
        assertThat(header(dead, "dead-letter-reason")).isEqualTo("the handler failed");
        assertThat(header(dead, "dead-letter-exception-class-name")).isEqualTo(IllegalStateException.class.getName());
        assertThat(header(dead, "dead-letter-cause")).isEqualTo("what it failed on");
        assertThat(header(dead, "dead-letter-cause-class-name")).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(header(dead, "dead-letter-offset")).isEqualTo(Long.toString(sent.offset()));
        assertThat(probe.handled(session)).isFalse();
    }

    @Test
    void aFailureThatGoesAwayWithinTheRetriesIsHandled() {
        String session = UUID.randomUUID().toString();
        IllegalStateException failure = new IllegalStateException("not yet");
        probe.script(session, failure, failure);

        kafka.awaitHandled(ProbeConsumer.GROUP, kafka.send(Samples.created(session)), WAIT);

        assertThat(probe.handled(session)).isTrue();
        assertThat(probe.attempts(session)).isEqualTo(3);
        assertThat(kafka.recordsToEnd(DLQ, WAIT)).noneMatch(r -> session.equals(r.key()));
    }

    @Test
    void anOutageLongerThanTheRetriesIsWaitedOutAndNothingIsDeadLettered() {
        String session = UUID.randomUUID().toString();
        UncheckedIOException outage = new UncheckedIOException(new ConnectException("Connection refused"));
        probe.script(session, outage, outage, outage, outage);

        kafka.awaitHandled(ProbeConsumer.GROUP, kafka.send(Samples.created(session)), WAIT);

        assertThat(probe.handled(session)).isTrue();
        assertThat(probe.attempts(session)).as("4 outage failures, one more than the retries, then success")
                .isEqualTo(5);
        assertThat(kafka.recordsToEnd(DLQ, WAIT)).noneMatch(r -> session.equals(r.key()));
    }

    private ConsumerRecord<String, String> deadLetter(String session) {
        return await().atMost(WAIT).until(() -> deadLetters(session), found -> found.size() == 1).get(0);
    }

    private List<ConsumerRecord<String, String>> deadLetters(String session) {
        return kafka.records(DLQ).stream().filter(r -> session.equals(r.key())).toList();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return KafkaProbe.header(record, name).orElse(null);
    }
}
