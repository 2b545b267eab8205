package dev.ratchet.local;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Follows one session's progress events (Server-Sent Events) until its terminal event, resuming after the last
 * event seen when the stream is cut, until a deadline. Shared by the demos and {@code ./ratchet follow}.
 */
public final class SessionFollow {

    /** Statuses after which a session changes no more. */
    public static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED", "CANCELLED");

    private SessionFollow() {
    }

    /**
     * Hands each event to {@code onEvent} as it comes.
     *
     * @return true when the session ended (its terminal event came, or the stream had nothing new and the session is
     *     finished), false when {@code timeout} passed first
     */
    public static boolean follow(PlatformClient api, String id, Duration timeout,
            Consumer<PlatformClient.Event> onEvent) {
        long deadline = System.nanoTime() + timeout.toNanos();
        AtomicBoolean ended = new AtomicBoolean();
        String last = null;
        while (!ended.get() && System.nanoTime() < deadline) {
            String before = last;
            last = api.followEvents(id, last, Duration.ofNanos(deadline - System.nanoTime()), event -> {
                onEvent.accept(event);
                if (event.terminal()) {
                    ended.set(true);
                }
            });
            if (!ended.get() && Objects.equals(before, last)
                    && TERMINAL.contains(api.session(id).path("status").asText())) {
                ended.set(true);
            }
        }
        return ended.get();
    }
}
