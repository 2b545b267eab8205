package dev.ratchet.runtime.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.ratchet.core.event.PoisonEventException;

/**
 * Handles a record with retries before the channel's failure strategy (the dead-letter topic) gets it. A poison
 * record fails at once: retrying cannot fix it. Redis or the broker being away ({@link Transient}) is waited out
 * with growing pauses for up to {@code ratchet.messaging.transient-retry-for}, so an outage dead-letters nothing;
 * anything else is retried a few times, then dead-lettered with its reason, to be replayed by a person.
 */
@ApplicationScoped
public class Redelivery {

    private static final Logger LOG = Logger.getLogger(Redelivery.class);
    private static final List<Duration> BACKOFF = List.of(Duration.ofMillis(200), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5));

    private final MessagingConfig config;
    private final Map<Thread, Instant> running = new ConcurrentHashMap<>();

    Redelivery(MessagingConfig config) {
        this.config = config;
    }

    public void handle(String what, Runnable handler) {
        Instant start = Instant.now();
        Instant giveUp = start.plus(config.transientRetryFor());
        running.put(Thread.currentThread(), start);
        try {
            for (int failures = 0;; failures++) {
                try {
                    handler.run();
                    return;
                } catch (PoisonEventException e) {
                    throw e;
                } catch (RuntimeException e) {
                    boolean outage = Transient.is(e);
                    Duration pause = BACKOFF.get(Math.min(failures, BACKOFF.size() - 1));
                    if (outage ? Instant.now().plus(pause).isAfter(giveUp) : failures >= config.retries()) {
                        throw e;
                    }
                    if (outage) {
                        LOG.warnf("handling %s: %s (Redis or the broker is away); retrying in %s", what, e, pause);
                    } else {
                        LOG.warnf("handling %s failed (%s); retry %d of %d in %s", what, e, failures + 1,
                                config.retries(), pause);
                    }
                    sleep(pause);
                }
            }
        } finally {
            running.remove(Thread.currentThread());
        }
    }

    /** When the longest-running handler started, if one runs now (for the liveness check). */
    public java.util.Optional<Instant> oldestRunning() {
        return running.values().stream().min(Instant::compareTo);
    }

    /** How long one record can legitimately be in a handler. */
    public Duration longestHandling() {
        return config.transientRetryFor();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
