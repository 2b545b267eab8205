package dev.ratchet.runtime.messaging;

import java.time.Duration;
import java.util.List;

import org.jboss.logging.Logger;

import dev.ratchet.core.event.PoisonEventException;

/**
 * Handles a record with a few in-place retries before the channel's failure strategy (the dead-letter topic) gets
 * it. A poison record fails at once: retrying cannot fix it. Anything else (Redis or the broker briefly away) is
 * retried, because a dead-lettered step leaves its session waiting until someone replays it.
 */
public final class Redelivery {

    private static final Logger LOG = Logger.getLogger(Redelivery.class);
    private static final List<Duration> BACKOFF = List.of(Duration.ofMillis(200), Duration.ofSeconds(1),
            Duration.ofSeconds(3));

    private Redelivery() {
    }

    public static void handle(String what, Runnable handler) {
        for (int attempt = 0;; attempt++) {
            try {
                handler.run();
                return;
            } catch (PoisonEventException e) {
                throw e;
            } catch (RuntimeException e) {
                if (attempt >= BACKOFF.size()) {
                    throw e;
                }
                LOG.warnf("handling %s failed (%s); retrying in %s", what, e.toString(), BACKOFF.get(attempt));
                sleep(BACKOFF.get(attempt));
            }
        }
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
