package dev.ratchet.bench.chaos;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.ratchet.bench.Pause;
import dev.ratchet.core.event.Topics;
import dev.ratchet.local.DeadLetters;

/**
 * Which poison records reached the dead-letter topic of the topic they were sent to: a record there whose key is
 * the marker, or whose value contains it.
 * A record sent while its consumer was down is handled once the consumer is back, so the check waits a while.
 */
final class PoisonCheck {

    /** A consumer that was killed last rejoins its group and reads its backlog within seconds. */
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofSeconds(2);

    private PoisonCheck() {
    }

    /** @param markers each poison record's marker and the topic it was sent to */
    static Set<String> deadLettered(String bootstrapServers, Map<String, String> markers) {
        long giveUp = System.nanoTime() + WAIT.toNanos();
        Set<String> found = new LinkedHashSet<>();
        try (DeadLetters dlq = new DeadLetters(bootstrapServers)) {
            while (true) {
                found.clear();
                for (String topic : FaultSchedule.INPUT_TOPICS) {
                    for (ConsumerRecord<byte[], byte[]> r : dlq.records(Topics.deadLetter(topic))) {
                        String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
                        String value = r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8);
                        markers.forEach((m, sentTo) -> {
                            if (sentTo.equals(topic) && (key.equals(m) || value.contains(m))) {
                                found.add(m);
                            }
                        });
                    }
                }
                if (found.size() == markers.size() || System.nanoTime() > giveUp) {
                    return found;
                }
                Pause.of(POLL);
            }
        }
    }
}
