package dev.ratchet.bench;

import java.time.Duration;

/**
 * The benchmark's and the chaos run's waits: they drive a cluster in real time (arrivals at a rate, actions at their
 * scheduled moments, polls of what the cluster did). Tests never wait with it.
 */
public final class Pause {

    private Pause() {
    }

    public static void of(Duration duration) {
        until(System.currentTimeMillis() + duration.toMillis());
    }

    public static void until(long epochMillis) {
        long wait = epochMillis - System.currentTimeMillis();
        if (wait <= 0) {
            return;
        }
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
