package dev.ratchet.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.ratchet.core.event.PoisonEventException;
import dev.ratchet.infra.Ports;

/**
 * Which failures are Redis or the broker being away (waited out) and which are not (retried three times, then
 * dead-lettered). Real failures from the Quarkus Redis client are in {@link TransientRedisTest}.
 */
class TransientTest {

    @Test
    void aRealProducerWithNoBrokerTimesOutTransiently() {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", "127.0.0.1:" + Ports.free(), "max.block.ms", 300, "request.timeout.ms", 300),
                new StringSerializer(), new StringSerializer())) {
            Throwable failure = catchThrowable(() -> producer.send(new ProducerRecord<>("ratchet.steps.verdicts",
                    "k", "v")).get());

            assertThat(failure).isNotNull();
            assertThat(Transient.is(failure)).as("%s", failure).isTrue();
            producer.close(Duration.ZERO);
        }
    }

    @Test
    void kafkasRetriableErrorsAreTransientWhereverTheyAreInTheCauses() {
        assertThat(Transient.is(new NotLeaderOrFollowerException("leader moved"))).isTrue();
        assertThat(Transient.is(new UnknownTopicOrPartitionException("not yet"))).isTrue();
        assertThat(Transient.is(new DisconnectException("gone"))).isTrue();
        assertThat(Transient.is(new TimeoutException("metadata"))).isTrue();
        assertThat(Transient.is(new CompletionException(new ExecutionException(
                new NotLeaderOrFollowerException("deep"))))).isTrue();
    }

    @Test
    void kafkasOtherErrorsAreNot() {
        assertThat(Transient.is(new RecordTooLargeException("1 MiB"))).isFalse();
    }

    @Test
    void ioErrorsAndTimeoutsAreTransient() {
        assertThat(Transient.is(new UncheckedIOException(new ConnectException("refused")))).isTrue();
        assertThat(Transient.is(new IllegalStateException(new java.util.concurrent.TimeoutException()))).isTrue();
        assertThat(Transient.is(new io.smallrye.mutiny.TimeoutException())).isTrue();
    }

    @Test
    void aRedisClientClosedWhileTheServiceStopsIsTransient() {
        // Vert.x's Redis client, closed at shutdown while a handler still uses it: the record must stay for the
        // instance that takes the partition over, not go to the dead-letter topic.
        assertThat(Transient.is(new IllegalStateException("Client is closed"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"LOADING Redis is loading the dataset in memory",
            "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.",
            "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.",
            "CLUSTERDOWN The cluster is down", "TRYAGAIN Multiple keys request during rehashing of slot",
            "NOREPLICAS Not enough good replicas to write.",
            "READONLY You can't write against a read only replica.", "Connection refused: /127.0.0.1:6379",
            "Connection is closed", "connection reset by peer", "Broken pipe",
            "Connection pool reached max wait queue size", "Client is not connected",
            "Failed to connect to all endpoints"})
    void redisRepliesAndConnectionErrorsOfAnOutageAreTransient(String message) {
        assertThat(Transient.is(new IllegalStateException("wrapped", new RuntimeException(message)))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"WRONGTYPE Operation against a key holding the wrong kind of value",
            "ERR unknown command 'HSETX'", "NOSCRIPT No matching script", "the check runner is broken",
            "ERR LOADING is a word in this message, not its start"})
    void everythingElseIsNot(String message) {
        assertThat(Transient.is(new IllegalStateException(message))).isFalse();
    }

    @Test
    void poisonAndFailuresWithoutAMessageAreNot() {
        assertThat(Transient.is(new PoisonEventException("not JSON"))).isFalse();
        assertThat(Transient.is(new NullPointerException())).isFalse();
        assertThat(Transient.is(null)).isFalse();
    }

    @Test
    void aCauseThatIsItselfEndsTheSearch() {
        RuntimeException selfCaused = new RuntimeException("no outage") {
            @Override
            public synchronized Throwable getCause() {
                return this;
            }
        };
        assertThat(Transient.is(selfCaused)).isFalse();
    }
}
