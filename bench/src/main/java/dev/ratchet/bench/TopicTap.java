package dev.ratchet.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.ratchet.core.event.EventCodec;
import dev.ratchet.core.event.RatchetEvent;

/**
 * Watches Ratchet's topics from the moment it starts, like any outside consumer would: the benchmark learns when
 * sessions end and how long hops took from what is on the wire, without asking the services.
 */
public final class TopicTap implements AutoCloseable {

    /** A decoded event with the Kafka timestamp its producer gave the record. */
    public record Tapped(RatchetEvent event, long producedAtMillis) {
    }

    private final KafkaConsumer<String, String> consumer;
    private final List<Tapped> events = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    public TopicTap(String bootstrapServers, List<String> topics) {
        consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers, "enable.auto.commit", false),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(10))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        poller = new Thread(this::poll, "bench-topic-tap");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        while (running) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                try {
                    events.add(new Tapped(EventCodec.decode(headers(record), record.value()), record.timestamp()));
                } catch (RuntimeException e) {
                    // Not a Ratchet event (a test's poison record): not part of any measurement.
                }
            }
        }
        consumer.close(Duration.ofSeconds(2));
    }

    private static Map<String, String> headers(ConsumerRecord<?, ?> record) {
        Map<String, String> headers = new java.util.HashMap<>();
        record.headers().forEach(h -> headers.put(h.key(), new String(h.value(),
                java.nio.charset.StandardCharsets.UTF_8)));
        return headers;
    }

    public List<Tapped> events() {
        return List.copyOf(events);
    }

    public void clear() {
        events.clear();
    }

    @Override
    public void close() {
        running = false;
        try {
            poller.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
