package dev.ratchet.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.PoisonEventException;

/**
 * How often a handler runs before its record goes to the dead-letter topic. Pauses are seen as counts: how many
 * attempts fit in an outage budget, never how long they took.
 */
class RedeliveryTest {

    /** As the mapping gives it: 3 retries, and an outage budget for the test to choose. */
    record Config(Duration transientRetryFor, int retries) implements MessagingConfig {
    }

    final Redelivery redelivery = new Redelivery(new Config(Duration.ofMinutes(5), 3));

    @Test
    void anOrdinaryFailureIsRetriedThreeTimesThenThrownAsItIs() {
        AtomicInteger attempts = new AtomicInteger();
        IllegalStateException failure = new IllegalStateException("the check runner is broken");

        assertThatThrownBy(() -> redelivery.handle("step", () -> {
            attempts.incrementAndGet();
            throw failure;
        })).isSameAs(failure);
        assertThat(attempts).as("the first try and 3 retries").hasValue(4);
    }

    @Test
    void aFailureThatGoesAwayIsRetriedUntilItDoes() {
        AtomicInteger attempts = new AtomicInteger();

        redelivery.handle("step", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
        });

        assertThat(attempts).hasValue(3);
    }

    @Test
    void theNumberOfRetriesIsConfigured() {
        Redelivery once = new Redelivery(new Config(Duration.ofMinutes(5), 1));
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> once.handle("step", () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("broken");
        })).hasMessage("broken");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void poisonFailsAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        PoisonEventException poison = new PoisonEventException("not a Ratchet event");

        assertThatThrownBy(() -> redelivery.handle("step", () -> {
            attempts.incrementAndGet();
            throw poison;
        })).isSameAs(poison);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void anOutageIsWaitedOutBeyondTheRetriesOfAnOrdinaryFailure() {
        AtomicInteger attempts = new AtomicInteger();

        redelivery.handle("step", () -> {
            if (attempts.incrementAndGet() <= 4) {
                throw new UncheckedIOException(new ConnectException("Connection refused"));
            }
        });

        assertThat(attempts).as("4 outage failures, more than the 3 retries, then success").hasValue(5);
    }

    /**
     * The pauses grow 0.2, 0.5, 1, 2 s: with a budget of 3.5 s the first three (1.7 s in all) fit and the fourth
     * (to 3.7 s) does not, so the handler runs exactly 4 times whatever the machine's speed: a slower machine only
     * starts each try later, and it would need 1.8 s of delay to lose the third pause.
     */
    @Test
    void anOutageLongerThanItsBudgetEndsAfterThePausesThatFit() {
        Redelivery budget = new Redelivery(new Config(Duration.ofMillis(3500), 3));
        AtomicInteger attempts = new AtomicInteger();
        UncheckedIOException outage = new UncheckedIOException(new ConnectException("Connection refused"));

        assertThatThrownBy(() -> budget.handle("step", () -> {
            attempts.incrementAndGet();
            throw outage;
        })).isSameAs(outage);

        assertThat(attempts).hasValue(4);
    }

    @Test
    void aRunningHandlerIsSeenByTheLivenessCheckUntilItReturns() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        assertThat(redelivery.oldestRunning()).isEmpty();

        CompletableFuture<Void> handler = CompletableFuture.runAsync(() -> redelivery.handle("step", () -> {
            running.countDown();
            await(release);
        }));
        assertThat(running.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(redelivery.oldestRunning()).isPresent();
        assertThat(redelivery.longestHandling()).isEqualTo(Duration.ofMinutes(5));

        release.countDown();
        handler.get(60, TimeUnit.SECONDS);
        assertThat(redelivery.oldestRunning()).isEmpty();
    }

    @Test
    void anInterruptDuringAPauseEndsTheRetriesAndKeepsTheInterrupt() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread handler = new Thread(() -> {
            try {
                redelivery.handle("step", () -> {
                    attempts.incrementAndGet();
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("fails, then the pause is interrupted");
                });
                outcome.complete(null);
            } catch (RuntimeException e) {
                outcome.complete(Thread.currentThread().isInterrupted() ? e : new AssertionError("interrupt lost"));
            }
        });
        handler.start();

        assertThat(outcome.get(60, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                .hasMessage("interrupted while waiting to retry");
        assertThat(attempts).hasValue(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(60, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
