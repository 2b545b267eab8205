package dev.ratchet.core.timing;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Where one attempt's time goes inside one service, phase by phase (issue 14: orchestration, an attempt's wall time
 * minus model and check time, was 400 to 700 ms and never broken down). A service starts a clock on the thread that
 * carries out the attempt; the code it calls marks the end of each phase with {@link #lap(String)} and counts the
 * processes it starts with {@link #process(String, long)}, without being handed the clock, so that library code
 * (ratchet-workspace) needs no new parameter and costs nothing where no clock runs (the benchmark's baseline).
 * One attempt runs on one thread from start to answer (the executor's and verifier's own pools), which is what
 * makes a thread-bound clock right here. Not thread-safe: a clock belongs to its thread.
 */
public final class PhaseClock implements AutoCloseable {

    private static final ThreadLocal<PhaseClock> CURRENT = new ThreadLocal<>();

    private final long started = System.nanoTime();
    private long last = started;
    private final Map<String, Long> phases = new LinkedHashMap<>();
    private final Map<String, long[]> processes = new LinkedHashMap<>();
    private final PhaseClock outer;

    private PhaseClock(PhaseClock outer) {
        this.outer = outer;
    }

    /** Starts a clock on this thread; close it on the same thread (try-with-resources). */
    public static PhaseClock start() {
        PhaseClock clock = new PhaseClock(CURRENT.get());
        CURRENT.set(clock);
        return clock;
    }

    /** Ends the current phase under {@code phase} (time since the last lap, added to earlier laps of that name). */
    public static void lap(String phase) {
        PhaseClock clock = CURRENT.get();
        if (clock != null) {
            clock.end(phase);
        }
    }

    /** Counts one process of {@code kind} (git, cp, rm) that ran for {@code nanos}; no effect without a clock. */
    public static void process(String kind, long nanos) {
        PhaseClock clock = CURRENT.get();
        if (clock != null) {
            long[] seen = clock.processes.computeIfAbsent(kind, k -> new long[2]);
            seen[0]++;
            seen[1] += nanos;
        }
    }

    /** Ends the current phase under {@code phase}. */
    public void end(String phase) {
        long now = System.nanoTime();
        phases.merge(phase, now - last, Long::sum);
        last = now;
    }

    /** Milliseconds per phase, in the order first seen. */
    public Map<String, Long> phasesMs() {
        Map<String, Long> ms = new LinkedHashMap<>();
        phases.forEach((name, nanos) -> ms.put(name, nanos / 1_000_000));
        return ms;
    }

    /** Processes started per kind, in the order first seen. */
    public Map<String, Long> processCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        processes.forEach((kind, seen) -> counts.put(kind, seen[0]));
        return counts;
    }

    /** Time since the clock started. */
    public long totalMs() {
        return (System.nanoTime() - started) / 1_000_000;
    }

    /**
     * One line: {@code prepare=12 model=450 ... total=530 ms; processes git=7/61ms cp=1/9ms}. Time after the last
     * lap shows as {@code rest}.
     */
    public String summary() {
        StringJoiner line = new StringJoiner(" ");
        phasesMs().forEach((name, ms) -> line.add(name + "=" + ms));
        long rest = (System.nanoTime() - last) / 1_000_000;
        if (rest > 0) {
            line.add("rest=" + rest);
        }
        line.add("total=" + totalMs() + " ms");
        if (!processes.isEmpty()) {
            StringJoiner spawned = new StringJoiner(" ", "; processes ", "");
            processes.forEach((kind, seen) -> spawned.add(String.format(Locale.ROOT, "%s=%d/%dms", kind, seen[0],
                    seen[1] / 1_000_000)));
            return line + spawned.toString();
        }
        return line.toString();
    }

    /** Stops the clock; the thread's outer clock, if any, is current again. */
    @Override
    public void close() {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }
}
