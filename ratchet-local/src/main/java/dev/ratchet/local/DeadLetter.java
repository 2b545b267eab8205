package dev.ratchet.local;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import dev.ratchet.core.event.CloudEventHeaders;
import dev.ratchet.core.event.Topics;

/**
 * One record of a dead-letter topic as SmallRye's {@code dead-letter-queue} failure strategy writes it: the original
 * key, value and headers, plus {@code dead-letter-reason}, {@code -cause}, {@code -topic}, {@code -partition},
 * {@code -offset} (and the exception class names).
 */
record DeadLetter(ConsumerRecord<byte[], byte[]> record) {

    static final String HEADER_PREFIX = "dead-letter-";
    static final String REASON = "dead-letter-reason";
    static final String CAUSE = "dead-letter-cause";
    static final String TOPIC = "dead-letter-topic";
    static final String PARTITION = "dead-letter-partition";
    static final String OFFSET = "dead-letter-offset";

    String dlqTopic() {
        return record.topic();
    }

    int partition() {
        return record.partition();
    }

    long offset() {
        return record.offset();
    }

    /** The last value of the header, as text. */
    Optional<String> header(String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    Optional<String> type() {
        return header(CloudEventHeaders.TYPE);
    }

    /** The session the event was about: Ratchet events carry its id as the CloudEvents subject. */
    Optional<String> session() {
        return header(CloudEventHeaders.SUBJECT);
    }

    Optional<String> reason() {
        return header(REASON);
    }

    Optional<String> cause() {
        return header(CAUSE);
    }

    /** The topic the record was consumed from: its {@code dead-letter-topic} header, else the DLQ name minus .dlq. */
    String originalTopic() {
        return header(TOPIC).orElseGet(() -> dlqTopic().endsWith(Topics.DLQ_SUFFIX)
                ? dlqTopic().substring(0, dlqTopic().length() - Topics.DLQ_SUFFIX.length()) : dlqTopic());
    }

    OptionalInt originalPartition() {
        try {
            return header(PARTITION).map(p -> OptionalInt.of(Integer.parseInt(p.strip()))).orElse(OptionalInt.empty());
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    Optional<String> originalOffset() {
        return header(OFFSET);
    }

    /**
     * Why this record cannot be replayed, if it cannot: its original topic must be one of Ratchet's own topics (not a
     * DLQ), whatever its headers say.
     */
    Optional<String> replayProblem() {
        String target = originalTopic();
        boolean ratchetTopic = Topics.all().stream().anyMatch(t -> t.name().equals(target))
                && !target.endsWith(Topics.DLQ_SUFFIX);
        return ratchetTopic ? Optional.empty() : Optional.of("its original topic '" + target
                + "' is not one of Ratchet's topics");
    }

    /**
     * The record to send back: the original topic, key, value and headers without the dead-letter ones. It goes to
     * its original partition when that partition exists ({@code partitions} on the topic), else the key decides.
     */
    ProducerRecord<byte[], byte[]> toReplay(int partitions) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith(HEADER_PREFIX)) {
                headers.add(header);
            }
        }
        OptionalInt original = originalPartition();
        Integer partition = original.isPresent() && original.getAsInt() >= 0 && original.getAsInt() < partitions
                ? original.getAsInt() : null;
        return new ProducerRecord<>(originalTopic(), partition, record.key(), record.value(), headers);
    }
}
