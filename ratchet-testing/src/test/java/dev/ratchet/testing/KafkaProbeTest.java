package dev.ratchet.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.event.Execution;
import dev.ratchet.core.event.PatchStats;
import dev.ratchet.core.event.RatchetEvent;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRejected;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.StepVerdict;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.core.event.StepWork;
import dev.ratchet.core.event.Topics;
import dev.ratchet.core.event.Usage;

/**
 * {@link KafkaProbe#awaitExactlyOne} on the real in-process broker. A plain consumer group stands in for a
 * service: it reads the input record, writes its output, then commits past the input, in that order, as the
 * services' consumers do.
 */
class KafkaProbeTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static KafkaProbe probe;

    @BeforeAll
    static void topics() throws Exception {
        String bootstrap = SharedInfra.kafkaBootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = Topics.all().stream().filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1)).toList();
            admin.createTopics(missing).all().get();
        }
        probe = new KafkaProbe(bootstrap);
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    @Test
    void oneOutputPassesOnceTheGroupHasHandledTheInput() {
        StepRequested request = request();
        Handling handling = handle(request, () -> probe.send(executed(request, "first")));

        StepExecuted executed = exactlyOne(handling, StepExecuted.class);

        assertThat(handling.service()).succeedsWithin(WAIT);
        assertThat(executed.payload().error()).isEqualTo("first");
        assertThat(executed.eventId()).isEqualTo(StepExecuted.of(request, Instant.now(), null).eventId());
    }

    @Test
    void aDuplicateWrittenAfterTheFirstOutputWasVisibleFails() {
        StepRequested request = request();
        String session = request.sessionId();
        AtomicBoolean firstAloneWasVisible = new AtomicBoolean();
        Handling handling = handle(request, () -> {
            probe.send(executed(request, "first"));
            // The moment a wait for the first matching record returns: one output, and the input not yet handled.
            await().atMost(WAIT).until(() -> probe.events(StepExecuted.class, e -> e.sessionId().equals(session))
                    .size() == 1);
            firstAloneWasVisible.set(true);
            probe.send(executed(request, "duplicate"));
        });

        assertThatThrownBy(() -> exactlyOne(handling, StepExecuted.class))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("StepExecuted events matching, once " + handling.group() + " handled")
                .hasMessageContaining("Expected size: 1 but was: 2");

        assertThat(handling.service()).succeedsWithin(WAIT);
        assertThat(firstAloneWasVisible).isTrue();
    }

    @Test
    void noOutputFails() {
        Handling handling = handle(request(), () -> {
        });

        assertThatThrownBy(() -> exactlyOne(handling, StepExecuted.class))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected size: 1 but was: 0");
        assertThat(handling.service()).succeedsWithin(WAIT);
    }

    @Test
    void aParentTypeCountsEveryTypeUnderIt() {
        StepExecuted executed = executed(request(), null);
        Handling handling = handle(executed, () -> {
            probe.send(StepVerified.of(executed, Instant.now(), new StepVerified.Payload(BlobRef.of(executed.sessionId(), ""), PatchStats.EMPTY,
                    List.of(), null, null)));
            probe.send(StepRejected.of(executed, Instant.now(), new StepRejected.Payload(StepRejected.STAGE_CHECK,
                    "second verdict for one attempt", null, List.of(), null, null)));
        });

        // one verified and one rejected: one of each type, but two verdicts for the attempt
        assertThatThrownBy(() -> exactlyOne(handling, StepVerdict.class))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("StepVerdict events matching")
                .hasMessageContaining("Expected size: 1 but was: 2");
        assertThat(handling.service()).succeedsWithin(WAIT);
        assertThat(exactlyOne(handling, StepVerified.class).stepId()).isEqualTo("s1");
    }

    @Test
    void aServiceThatAnswersAfterAcknowledgingIsReadOnceItIsFinished() {
        StepRequested request = request();
        AtomicBoolean finished = new AtomicBoolean();
        Handling handling = handleAcknowledgingFirst(request, () -> probe.send(executed(request, "first")), finished);

        StepExecuted executed = probe.awaitExactlyOne(handling.group(), handling.input(), finished::get,
                StepExecuted.class, e -> e.sessionId().equals(handling.session()), WAIT);

        assertThat(executed.payload().error()).isEqualTo("first");
        assertThat(handling.service()).succeedsWithin(WAIT);
    }

    @Test
    void aDuplicateWrittenAfterTheAcknowledgementButBeforeTheWorkFinishedFails() {
        StepRequested request = request();
        AtomicBoolean finished = new AtomicBoolean();
        Handling handling = handleAcknowledgingFirst(request, () -> {
            probe.send(executed(request, "first"));
            probe.send(executed(request, "duplicate"));
        }, finished);

        assertThatThrownBy(() -> probe.awaitExactlyOne(handling.group(), handling.input(), finished::get,
                StepExecuted.class, e -> e.sessionId().equals(handling.session()), WAIT))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("and finished")
                .hasMessageContaining("Expected size: 1 but was: 2");
        assertThat(handling.service()).succeedsWithin(WAIT);
    }

    @Test
    void aQuestionAskedTwiceGetsItsAnswerTwiceAsCopiesOfOneRecord() {
        StepRequested request = request();
        StepExecuted answer = executed(request, "stored");
        AtomicBoolean finished = new AtomicBoolean();
        Handling handling = handleAcknowledgingFirst(request, () -> {
            probe.send(answer);
            probe.send(answer);
        }, finished);

        List<ConsumerRecord<String, String>> answers = probe.awaitOutputs(handling.group(), handling.input(),
                finished::get, StepExecuted.class, e -> e.sessionId().equals(handling.session()), WAIT);

        assertThat(answers).hasSize(2);
        KafkaProbe.assertCopies(answers);
        assertThat(KafkaProbe.decode(answers.get(1)).eventId()).isEqualTo(answer.eventId());
        StepExecuted other = executed(request, "a second content under the same id");
        probe.send(other);
        List<ConsumerRecord<String, String>> three = probe.recordsToEnd(Topics.STEPS_EXECUTED, WAIT).stream()
                .filter(r -> r.key().equals(handling.session())).toList();
        assertThat(three).hasSize(3);
        assertThatThrownBy(() -> KafkaProbe.assertCopies(three)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("value of a copy");
    }

    /**
     * Sends {@code input}; a stand-in service acknowledges it first, as executors and verifiers do once they hold
     * the work's lease, then writes {@code output} and only then says it is finished.
     */
    private static Handling handleAcknowledgingFirst(RatchetEvent input, Runnable output, AtomicBoolean finished) {
        String group = "stand-in-" + input.sessionId();
        RecordMetadata sent = probe.send(input);
        return new Handling(input.sessionId(), group, sent, CompletableFuture.runAsync(() -> {
            handle(group, sent, () -> {
            });
            output.run();
            finished.set(true);
        }));
    }

    /** An input record and the stand-in service handling it in the background. */
    private record Handling(String session, String group, RecordMetadata input, CompletableFuture<Void> service) {
    }

    /** Sends {@code input}, then a stand-in service handles it in the background, writing {@code output}. */
    private static Handling handle(RatchetEvent input, Runnable output) {
        String group = "stand-in-" + input.sessionId();
        RecordMetadata sent = probe.send(input);
        return new Handling(input.sessionId(), group, sent,
                CompletableFuture.runAsync(() -> handle(group, sent, output)));
    }

    private static <T extends RatchetEvent> T exactlyOne(Handling handling, Class<T> type) {
        return probe.awaitExactlyOne(handling.group(), handling.input(), type,
                e -> e.sessionId().equals(handling.session()), WAIT);
    }

    /** What a service's consumer does with one record: read it, write its output, commit past it. */
    private static void handle(String group, RecordMetadata input, Runnable writeOutput) {
        TopicPartition partition = new TopicPartition(input.topic(), input.partition());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", SharedInfra.kafkaBootstrapServers(), "group.id", group,
                "enable.auto.commit", false), new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, input.offset());
            ConsumerRecord<String, String> record = await().atMost(WAIT).pollInSameThread()
                    .until(() -> consumer.poll(Duration.ofMillis(200)).records(partition).stream()
                            .filter(r -> r.offset() == input.offset()).findFirst().orElse(null), r -> r != null);
            writeOutput.run();
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
        }
    }

    private static StepRequested request() {
        String session = UUID.randomUUID().toString();
        StepWork work = new StepWork(0, 0, 1, "Add greet()", "Add greet(name)", "Greet the user");
        return StepRequested.of(session, "s1", 1, 0, Instant.now(), new StepRequested.Payload(work, List.of(), 8000));
    }

    private static StepExecuted executed(StepRequested request, String error) {
        Execution execution = new Execution("stand-in", "none", request.occurredAt(), request.occurredAt(),
                request.occurredAt(), Usage.NONE);
        return StepExecuted.of(request, Instant.now(), new StepExecuted.Payload(request.payload().work(),
                error == null ? BlobRef.of(request.sessionId(), "") : null, PatchStats.EMPTY, execution, error));
    }
}
