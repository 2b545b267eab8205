package dev.ratchet.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec;
import org.apache.kafka.clients.admin.SharePartitionOffsetInfo;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.api.Assertions;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;

import dev.ratchet.core.event.CloudEventHeaders;
import dev.ratchet.core.event.EventCodec;
import dev.ratchet.core.event.EventType;
import dev.ratchet.core.event.RatchetEvent;

/**
 * A plain Kafka client for tests, independent of the services' messaging stack (like kcat on the command line):
 * it writes events the way the CloudEvents Kafka binding says and reads back whatever the services put on a topic.
 */
public final class KafkaProbe implements AutoCloseable {

    /** The CloudEvents Distributed Tracing extension's attribute in binary mode. */
    public static final String TRACEPARENT = "ce_traceparent";
    public static final String TRACESTATE = "ce_tracestate";

    private static final Map<String, KafkaProbe> SHARED = new HashMap<>();

    private final String bootstrapServers;
    private final KafkaProducer<String, String> producer;
    private final Map<String, TopicReader> readers = new HashMap<>();

    /**
     * The probe for the broker of the running {@code @QuarkusTest} application ({@code kafka.bootstrap.servers}),
     * one per broker for the whole test JVM, closed when it exits.
     */
    public static synchronized KafkaProbe shared() {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        return SHARED.computeIfAbsent(bootstrap, b -> {
            KafkaProbe probe = new KafkaProbe(b);
            Runtime.getRuntime().addShutdownHook(new Thread(probe::close, "close-kafka-probe"));
            return probe;
        });
    }

    public KafkaProbe(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers, "acks", "all",
                "linger.ms", 0), new StringSerializer(), new StringSerializer());
    }

    /**
     * Produces the event as a binary-mode CloudEvent on its catalogued topic, keyed as the services key it.
     *
     * @return where it was written, for {@link #awaitHandled} and {@link #awaitExactlyOne}
     */
    public RecordMetadata send(RatchetEvent event) {
        EventType type = event.eventType();
        return sendRaw(type.topic(), type.key(event), EventCodec.encode(event), ceHeaders(event));
    }

    /** {@link #send(RatchetEvent)} to one partition, e.g. the one a poison record went to just before. */
    public RecordMetadata send(RatchetEvent event, int partition) {
        EventType type = event.eventType();
        return sendRaw(type.topic(), partition, type.key(event), EventCodec.encode(event), ceHeaders(event));
    }

    /**
     * {@link #send(RatchetEvent)} in a trace: with the CloudEvents Distributed Tracing extension's
     * {@code ce_traceparent} header, {@code 00-<trace id>-<parent span id>-01}.
     */
    public RecordMetadata sendTraced(RatchetEvent event, String traceId, String parentSpanId) {
        Map<String, String> headers = new HashMap<>(ceHeaders(event));
        headers.put(TRACEPARENT, "00-" + traceId + "-" + parentSpanId + "-01");
        EventType type = event.eventType();
        return sendRaw(type.topic(), type.key(event), EventCodec.encode(event), headers);
    }

    /** The trace id of the {@code ce_traceparent} an event on {@code topic} was written with; empty without one. */
    public Optional<String> traceId(String topic, RatchetEvent event) {
        ConsumerRecord<String, String> record = records(topic).stream()
                .filter(r -> header(r, CloudEventHeaders.ID).orElse("").equals(event.eventId().toString()))
                .findFirst().orElseThrow(() -> new AssertionError(event.eventId() + " is not on " + topic));
        return header(record, TRACEPARENT).filter(v -> v.length() > 35).map(v -> v.substring(3, 35));
    }

    /** The headers {@link #send} writes: the CloudEvents attributes of {@code event}, binary mode. */
    public static Map<String, String> ceHeaders(RatchetEvent event) {
        return Map.of(
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0,
                CloudEventHeaders.ID, event.eventId().toString(),
                CloudEventHeaders.TYPE, event.eventType().ceType(),
                CloudEventHeaders.SOURCE, "/ratchet/tests",
                CloudEventHeaders.SUBJECT, event.sessionId(),
                CloudEventHeaders.TIME, event.occurredAt().toString(),
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
    }

    public RecordMetadata sendRaw(String topic, String key, String value, Map<String, String> headers) {
        return sendRaw(topic, null, key, value, headers);
    }

    /** @param partition where to write, or null to let the key decide */
    public RecordMetadata sendRaw(String topic, Integer partition, String key, String value,
            Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, partition, key, value);
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        try {
            return producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot produce to " + topic + ": " + e.getCause().getMessage(), e);
        }
    }

    /** Every record on the topic so far, from the beginning of every partition. */
    public synchronized List<ConsumerRecord<String, String>> records(String topic) {
        return readers.computeIfAbsent(topic, TopicReader::new).poll();
    }

    /**
     * Decoded events of {@code type} on its topic whose data matches. {@code type} is a catalogued record class or
     * a parent of several, such as {@code StepVerdict}.
     */
    public <T extends RatchetEvent> List<T> events(Class<T> type, Predicate<? super T> filter) {
        List<T> events = new ArrayList<>();
        for (EventType eventType : eventTypes(type)) {
            matching(records(eventType.topic()), eventType, type, filter)
                    .forEach(r -> events.add(type.cast(decode(r))));
        }
        return events;
    }

    /**
     * As {@link #events}, but reading each topic up to its end offsets as they are now, so that no event already
     * written is missed (a single poll may return only part of a topic).
     */
    public <T extends RatchetEvent> List<T> eventsToEnd(Class<T> type, Predicate<? super T> filter,
            Duration atMost) {
        return matchingRecords(type, filter, atMost).stream().map(r -> type.cast(decode(r))).toList();
    }

    /**
     * Waits until {@code group} has committed an offset past {@code record}: proof that the service's consumer
     * handled (acknowledged) it, without sleeping.
     */
    public void awaitHandled(String group, ConsumerRecord<?, ?> record, Duration atMost) {
        awaitCommittedPast(group, new TopicPartition(record.topic(), record.partition()), record.offset(), atMost);
    }

    /** {@link #awaitHandled(String, ConsumerRecord, Duration)} for a record this probe sent. */
    public void awaitHandled(String group, RecordMetadata sent, Duration atMost) {
        awaitCommittedPast(group, new TopicPartition(sent.topic(), sent.partition()), sent.offset(), atMost);
    }

    /**
     * The one matching event of {@code type} a service wrote for {@code input}: waits until {@code group} has
     * handled the input (its committed offset is past it), then reads the output topic up to its end offsets at
     * that moment and asserts that exactly one event there matches. A service writes its output before it
     * acknowledges the input, so whatever it wrote while handling it, a duplicate included, is inside that range.
     * Waiting for the first matching record instead would pass before a duplicate written a moment later arrives.
     *
     * @param type a catalogued record class, or a parent of several such as {@code StepVerdict} (then one event
     *        of all those types together)
     */
    public <T extends RatchetEvent> T awaitExactlyOne(String group, RecordMetadata input, Class<T> type,
            Predicate<? super T> matching, Duration atMost) {
        return exactlyOne(group, new TopicPartition(input.topic(), input.partition()), input.offset(), type,
                matching, atMost);
    }

    /** {@link #awaitExactlyOne(String, RecordMetadata, Class, Predicate, Duration)} for a record read back. */
    public <T extends RatchetEvent> T awaitExactlyOne(String group, ConsumerRecord<?, ?> input, Class<T> type,
            Predicate<? super T> matching, Duration atMost) {
        return exactlyOne(group, new TopicPartition(input.topic(), input.partition()), input.offset(), type,
                matching, atMost);
    }

    /**
     * {@link #awaitExactlyOne(String, RecordMetadata, Class, Predicate, Duration)} for a service that acknowledges
     * its input before it answers (executors and verifiers hand the work to a pool of their own once they hold
     * its lease): after the group has committed past the input, waits until {@code finished} says the work is done
     * too, then reads to the end of the output topic.
     *
     * @param finished true once the service has nothing left to write for the input, e.g. no owned work in flight
     */
    public <T extends RatchetEvent> T awaitExactlyOne(String group, RecordMetadata input, BooleanSupplier finished,
            Class<T> type, Predicate<? super T> matching, Duration atMost) {
        return one(awaitOutputs(group, input, finished, type, matching, atMost), type,
                "once " + group + " handled " + input + " and finished");
    }

    /**
     * Every matching record a service wrote for {@code input}, read as {@link #awaitExactlyOne} reads them: for a
     * question asked twice on purpose, whose answer must come twice and byte for byte the same.
     */
    public <T extends RatchetEvent> List<ConsumerRecord<String, String>> awaitOutputs(String group,
            RecordMetadata input, BooleanSupplier finished, Class<T> type, Predicate<? super T> matching,
            Duration atMost) {
        awaitCommittedPast(group, new TopicPartition(input.topic(), input.partition()), input.offset(), atMost);
        Awaitility.await().atMost(atMost).until(finished::getAsBoolean);
        return matchingRecords(type, matching, atMost);
    }

    /**
     * The one matching event written for work that no Kafka record started (a plan made by a request thread):
     * waits until {@code finished} says the service has sent everything for it, then reads to the end of the
     * output topic.
     */
    public <T extends RatchetEvent> T awaitExactlyOne(BooleanSupplier finished, Class<T> type,
            Predicate<? super T> matching, Duration atMost) {
        Awaitility.await().atMost(atMost).until(finished::getAsBoolean);
        return one(matchingRecords(type, matching, atMost), type, "once finished");
    }

    private <T extends RatchetEvent> T exactlyOne(String group, TopicPartition input, long inputOffset,
            Class<T> type, Predicate<? super T> matching, Duration atMost) {
        awaitCommittedPast(group, input, inputOffset, atMost);
        return one(matchingRecords(type, matching, atMost), type,
                "once " + group + " handled " + input + " offset " + inputOffset);
    }

    private static <T extends RatchetEvent> T one(List<ConsumerRecord<String, String>> found, Class<T> type,
            String when) {
        Assertions.assertThat(found).as("%s events matching, %s", type.getSimpleName(), when).hasSize(1);
        return type.cast(decode(found.get(0)));
    }

    /** The records of {@code type}'s topics, read to their end offsets now, whose events match. */
    private <T extends RatchetEvent> List<ConsumerRecord<String, String>> matchingRecords(Class<T> type,
            Predicate<? super T> matching, Duration atMost) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        for (EventType eventType : eventTypes(type)) {
            found.addAll(matching(recordsToEnd(eventType.topic(), atMost), eventType, type, matching));
        }
        return found;
    }

    /** The Ratchet event a record carries. */
    public static RatchetEvent decode(ConsumerRecord<String, String> record) {
        return EventCodec.decode(headers(record), record.value());
    }

    private void awaitCommittedPast(String group, TopicPartition partition, long offset, Duration atMost) {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrapServers))) {
            Awaitility.await().atMost(atMost).untilAsserted(() -> {
                Assertions.assertThat(doneBelow(admin, group, partition))
                        .as("committed offset of %s on %s", group, partition).isGreaterThan(offset);
            });
        }
    }

    /**
     * The offset below which {@code group} has handled every record of the partition (-1 when it handled none): a
     * consumer group's committed offset, or a share group's start offset (the executors' input), which moves past a
     * record once it and every record before it are acknowledged ({@code Long.MAX_VALUE} when its lag is 0).
     */
    private static long doneBelow(Admin admin, String group, TopicPartition partition) throws Exception {
        boolean share = admin.listGroups().all().get(10, TimeUnit.SECONDS).stream()
                .anyMatch(g -> g.groupId().equals(group) && g.type().orElse(null) == GroupType.SHARE);
        if (share) {
            SharePartitionOffsetInfo info = admin.listShareGroupOffsets(Map.of(group,
                    new ListShareGroupOffsetsSpec().topicPartitions(List.of(partition))))
                    .partitionsToOffsetInfo(group).get(10, TimeUnit.SECONDS).get(partition);
            if (info == null) {
                return -1;
            }
            // The start offset the broker reports is its persisted one, which may stay on the last acknowledged
            // record until the next acknowledgement (seen with Kafka 4.2.1); a lag of 0 says every record is done.
            return info.lag().orElse(-1L) == 0 ? Long.MAX_VALUE : info.startOffset();
        }
        OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS).get(partition);
        return committed == null ? -1 : committed.offset();
    }

    /**
     * Every record on the topic up to its end offsets as they are now, whatever a poll happened to return: for
     * asserting that something is not there.
     */
    public synchronized List<ConsumerRecord<String, String>> recordsToEnd(String topic, Duration atMost) {
        return readers.computeIfAbsent(topic, TopicReader::new).pollToEnd(atMost);
    }

    private static List<EventType> eventTypes(Class<? extends RatchetEvent> type) {
        List<EventType> types = Arrays.stream(EventType.values())
                .filter(t -> type.isAssignableFrom(t.recordClass())).toList();
        if (types.isEmpty()) {
            throw new IllegalArgumentException("no catalogued event type is a " + type.getName());
        }
        return types;
    }

    /** The records of {@code eventType} whose events match. */
    private static <T extends RatchetEvent> List<ConsumerRecord<String, String>> matching(
            List<ConsumerRecord<String, String>> records, EventType eventType, Class<T> type,
            Predicate<? super T> filter) {
        return records.stream()
                .filter(r -> eventType.ceType().equals(header(r, CloudEventHeaders.TYPE).orElse(""))
                        && filter.test(type.cast(decode(r))))
                .toList();
    }

    /** Asserts the record is a binary-mode CloudEvent of {@code type} from {@code source} about {@code session}. */
    public static void assertBinaryCloudEvent(ConsumerRecord<?, ?> record, EventType type, String source,
            String session) {
        Assertions.assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).contains("1.0");
        Assertions.assertThat(header(record, CloudEventHeaders.TYPE)).contains(type.ceType());
        Assertions.assertThat(header(record, CloudEventHeaders.SOURCE)).contains(source);
        Assertions.assertThat(header(record, CloudEventHeaders.SUBJECT)).contains(session);
        Assertions.assertThat(header(record, CloudEventHeaders.ID)).isPresent();
        Assertions.assertThat(header(record, CloudEventHeaders.TIME)).isPresent();
        Assertions.assertThat(header(record, CloudEventHeaders.CONTENT_TYPE)).contains(CloudEventHeaders.JSON);
    }

    /**
     * Asserts that the records are copies of one record: the same key, value and headers (a stored answer or a
     * decision sent again with its original id), whichever partitions they went to.
     */
    public static void assertCopies(List<ConsumerRecord<String, String>> records) {
        Assertions.assertThat(records).as("copies of one record").isNotEmpty();
        ConsumerRecord<String, String> first = records.get(0);
        for (ConsumerRecord<String, String> record : records) {
            Assertions.assertThat(record.key()).as("key of a copy").isEqualTo(first.key());
            Assertions.assertThat(record.value()).as("value of a copy").isEqualTo(first.value());
            Assertions.assertThat(eventHeaders(record)).as("headers of a copy").isEqualTo(eventHeaders(first));
        }
    }

    /**
     * A record's headers less the trace context ({@code ce_traceparent}, {@code ce_tracestate}): that names the
     * delivery a copy was sent in (a stored answer re-sent for a redelivered question goes out in the redelivery's
     * trace), not the event, whose identity and content are the rest.
     */
    private static Map<String, String> eventHeaders(ConsumerRecord<?, ?> record) {
        Map<String, String> headers = new HashMap<>(headers(record));
        headers.remove(TRACEPARENT);
        headers.remove(TRACESTATE);
        return headers;
    }

    public static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    public static Map<String, String> headers(ConsumerRecord<?, ?> record) {
        Map<String, String> headers = new HashMap<>();
        record.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        return headers;
    }

    @Override
    public synchronized void close() {
        producer.close(Duration.ofSeconds(5));
        readers.values().forEach(TopicReader::close);
    }

    private final class TopicReader {
        private final KafkaConsumer<String, String> consumer;
        private final List<TopicPartition> partitions;
        private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

        TopicReader(String topic) {
            consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers, "enable.auto.commit",
                    false), new StringDeserializer(), new StringDeserializer());
            partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        List<ConsumerRecord<String, String>> poll() {
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
            return List.copyOf(seen);
        }

        /** Polls until every partition's position has reached the end offset it had when this was called. */
        List<ConsumerRecord<String, String>> pollToEnd(Duration atMost) {
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Awaitility.await().atMost(atMost).pollInSameThread().pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
                return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            });
            return List.copyOf(seen);
        }

        void close() {
            consumer.close(Duration.ofSeconds(2));
        }
    }
}
