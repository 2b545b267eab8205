package dev.ratchet.runtime.testapp;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.ratchet.core.event.SessionCreated;
import dev.ratchet.runtime.messaging.Inbound;
import dev.ratchet.runtime.messaging.Redelivery;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * A consumer as the services write theirs ({@link Inbound}, then {@link Redelivery}), for the runtime's tests: a
 * test scripts the failures its handler throws for a session, in order, and reads how often it ran.
 */
@ApplicationScoped
public class ProbeConsumer {

    public static final String CHANNEL = "probe";
    public static final String GROUP = "runtime-probe";

    private final Redelivery redelivery;
    private final Map<String, Deque<RuntimeException>> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, SessionCreated> handled = new ConcurrentHashMap<>();

    ProbeConsumer(Redelivery redelivery) {
        this.redelivery = redelivery;
    }

    /** The handler of {@code session}'s event throws these, one per try, then succeeds. */
    public void script(String session, RuntimeException... failures) {
        scripts.put(session, new ArrayDeque<>(List.of(failures)));
    }

    /** How often the handler ran for {@code session}'s event. */
    public int attempts(String session) {
        AtomicInteger n = attempts.get(session);
        return n == null ? 0 : n.get();
    }

    public boolean handled(String session) {
        return handled.containsKey(session);
    }

    @Incoming(CHANNEL)
    @Blocking(ordered = false)
    public void consume(ConsumerRecord<String, String> record) {
        SessionCreated event = Inbound.decode(record, SessionCreated.class);
        redelivery.handle("probe " + event.eventId(), () -> {
            attempts.computeIfAbsent(event.sessionId(), s -> new AtomicInteger()).incrementAndGet();
            RuntimeException next = scripts.getOrDefault(event.sessionId(), new ArrayDeque<>()).poll();
            if (next != null) {
                throw next;
            }
            handled.put(event.sessionId(), event);
        });
    }
}
