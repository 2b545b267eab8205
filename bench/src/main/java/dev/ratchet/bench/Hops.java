package dev.ratchet.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.HdrHistogram.Histogram;

import dev.ratchet.core.event.RatchetEvent;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.StepVerdict;

/**
 * Hop latencies read off the wire: a record's Kafka timestamp (set by its producer) to the moment its consumer
 * started on it (carried in the next event), and a verdict to the planner's next request.
 */
public final class Hops {

    public static final String REQUESTED_TO_EXECUTOR = "requested_to_executor";
    public static final String EXECUTED_TO_VERIFIER = "executed_to_verifier";
    public static final String VERDICT_TO_NEXT_REQUEST = "verdict_to_next_request";

    private Hops() {
    }

    /** Histograms in microseconds, by hop, over the events of the given sessions. */
    public static Map<String, Histogram> measure(List<TopicTap.Tapped> tapped, Set<String> sessions) {
        Map<String, Long> requested = new HashMap<>();
        Map<String, Long> executed = new HashMap<>();
        Map<String, Histogram> hops = Map.of(REQUESTED_TO_EXECUTOR, histogram(), EXECUTED_TO_VERIFIER, histogram(),
                VERDICT_TO_NEXT_REQUEST, histogram());
        List<TopicTap.Tapped> mine = tapped.stream().filter(t -> sessions.contains(t.event().sessionId())).toList();
        for (TopicTap.Tapped t : mine) {
            if (t.event() instanceof StepRequested) {
                requested.put(key(t.event()), t.producedAtMillis());
            } else if (t.event() instanceof StepExecuted) {
                executed.put(key(t.event()), t.producedAtMillis());
            }
        }
        for (TopicTap.Tapped t : mine) {
            if (t.event() instanceof StepExecuted e && requested.containsKey(key(e))) {
                record(hops.get(REQUESTED_TO_EXECUTOR), micros(e.payload().execution().startedAt()),
                        requested.get(key(e)));
            } else if (t.event() instanceof StepVerdict v && executed.containsKey(key(v))) {
                record(hops.get(EXECUTED_TO_VERIFIER), micros(v.verification().startedAt()), executed.get(key(v)));
                nextRequest(mine, v, t.producedAtMillis())
                        .ifPresent(next -> record(hops.get(VERDICT_TO_NEXT_REQUEST), next * 1000, t.producedAtMillis()));
            }
        }
        return hops;
    }

    private static java.util.Optional<Long> nextRequest(List<TopicTap.Tapped> events, StepVerdict verdict,
            long verdictAt) {
        return events.stream().filter(t -> t.event() instanceof StepRequested
                && t.event().sessionId().equals(verdict.sessionId()) && t.producedAtMillis() >= verdictAt
                && !(t.event().stepId().equals(verdict.stepId()) && t.event().attempt() <= verdict.attempt()))
                .map(TopicTap.Tapped::producedAtMillis).min(Long::compare);
    }

    private static long micros(java.time.Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000;
    }

    private static void record(Histogram histogram, long consumedMicros, long producedMillis) {
        histogram.recordValue(Math.max(0, consumedMicros - producedMillis * 1000));
    }

    private static Histogram histogram() {
        return new Histogram(3_600_000_000L, 3);
    }

    private static String key(RatchetEvent e) {
        return e.sessionId() + "/" + e.stepId() + "/" + e.attempt() + "/" + e.variant();
    }
}
