package dev.ratchet.models;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Enforces a deadline on reading a response body. The JDK client's request timeout only covers the
 * headers, so a stream that stalls halfway would block forever; closing its body wakes the reader up.
 */
final class StreamWatchdog implements AutoCloseable {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final AtomicBoolean expired = new AtomicBoolean();
    private final ScheduledFuture<?> task;

    StreamWatchdog(Closeable body, long deadlineNanos) {
        long delay = Math.max(0, deadlineNanos - System.nanoTime());
        task = TIMER.schedule(() -> expire(body), delay, TimeUnit.NANOSECONDS);
    }

    /** True when the deadline passed and the body was closed under the reader. */
    boolean expired() {
        return expired.get();
    }

    @Override
    public void close() {
        task.cancel(false);
    }

    private void expire(Closeable body) {
        expired.set(true);
        try {
            body.close();
        } catch (IOException e) {
            // The reader sees the stream end either way, and checks expired().
        }
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "ratchet-model-stream-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
