package dev.ratchet.core.scale;

import java.time.Duration;
import java.time.Instant;

/**
 * How many executors the work needs: {@code ceil(demand / targetPerExecutor)} clamped to [min, max], where demand is
 * the step requests waiting (the consumer group's lag) plus the steps in flight. Up at once; down only once
 * {@code scaleDownCooldown} has passed since the last change, because an executor that leaves moves its partitions
 * (a 6 s rebalance) and a backlog that comes back would make it start again (about 2 s to readiness).
 */
public record ExecutorScaling(int min, int max, int targetPerExecutor, Duration scaleDownCooldown) {

    public enum Why {
        /** More executors than running: added at once. */
        UP,
        /** Fewer needed and the cooldown is over. */
        DOWN,
        /** Fewer needed, but the last change was too recent. */
        COOLDOWN,
        /** As many as running. */
        STEADY
    }

    /** The replicas to run and why, with what it was decided from (for the log line and the metric). */
    public record Decision(int replicas, int needed, Why why, long demand, int current) {
    }

    public ExecutorScaling {
        if (min < 0 || max < 1 || max < min) {
            throw new IllegalArgumentException("executor replicas need 0 <= min <= max and max >= 1, got min " + min
                    + ", max " + max);
        }
        if (targetPerExecutor < 1) {
            throw new IllegalArgumentException("target steps per executor must be at least 1, got "
                    + targetPerExecutor);
        }
        if (scaleDownCooldown == null || scaleDownCooldown.isNegative()) {
            throw new IllegalArgumentException("the scale-down cooldown must be zero or more, got " + scaleDownCooldown);
        }
    }

    /**
     * @param backlog step requests not yet taken (consumer-group lag)
     * @param inFlight steps executors are working on
     * @param current replicas the executor Deployment has now
     * @param lastChange when the replicas were last changed (null: never), the start of the cooldown
     */
    public Decision decide(long backlog, long inFlight, int current, Instant lastChange, Instant now) {
        if (backlog < 0 || inFlight < 0 || current < 0) {
            throw new IllegalArgumentException("backlog, steps in flight and replicas cannot be negative: " + backlog
                    + ", " + inFlight + ", " + current);
        }
        long demand = backlog + inFlight;
        long raw = (demand + targetPerExecutor - 1) / targetPerExecutor;
        int needed = (int) Math.max(min, Math.min(max, raw));
        if (needed > current) {
            return new Decision(needed, needed, Why.UP, demand, current);
        }
        if (needed == current) {
            return new Decision(current, needed, Why.STEADY, demand, current);
        }
        boolean cooling = lastChange != null && now.isBefore(lastChange.plus(scaleDownCooldown));
        return cooling ? new Decision(current, needed, Why.COOLDOWN, demand, current)
                : new Decision(needed, needed, Why.DOWN, demand, current);
    }
}
