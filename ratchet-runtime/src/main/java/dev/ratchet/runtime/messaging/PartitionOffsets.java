package dev.ratchet.runtime.messaging;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;

/**
 * One partition's offsets between delivery and commit: what was received, what was acknowledged, and the offset
 * that may be committed, which is never past a received record still unacknowledged (at-least-once: a crash
 * redelivers everything from the first unacknowledged record on). Confined to one thread (the channel's event
 * loop), as the bookkeeping of SmallRye's throttled strategy is.
 */
final class PartitionOffsets {

    /** Offset to time received (epoch ms), in offset order, until the commit moves past it. */
    private final TreeMap<Long, Long> pending = new TreeMap<>();
    private final Set<Long> acknowledged = new HashSet<>();
    /** The next offset to commit: everything below it was acknowledged (or committed before it was received). */
    private long committable;
    private long committed;
    private final long assignedAt;

    /** @param committedOffset the group's committed offset, -1 when it has none */
    PartitionOffsets(long committedOffset) {
        assignedAt = Math.max(committedOffset, 0);
        committable = assignedAt;
        committed = assignedAt;
    }

    /** A record delivered; one below the committed offset (a stale fetch after a seek) is not tracked. */
    boolean received(long offset, long nowMillis) {
        if (offset < committable) {
            return false;
        }
        pending.putIfAbsent(offset, nowMillis);
        return true;
    }

    void acknowledged(long offset) {
        if (pending.containsKey(offset)) {
            acknowledged.add(offset);
        }
    }

    /**
     * The offset to commit now, or -1 when it has not moved since the last commit that succeeded: past the longest
     * run of acknowledged records from the lowest one received.
     */
    long toCommit() {
        advance();
        return committable == committed ? -1 : committable;
    }

    /** The broker took {@code offset} for this partition. */
    void committed(long offset) {
        committed = Math.max(committed, offset);
    }

    /**
     * The offset to commit when the partition is given up (revoked, or the channel stops): as {@link #toCommit()},
     * but again even if the last periodic commit sent it already (that one may have failed); -1 when nothing was
     * acknowledged since the partition was assigned.
     */
    long finalCommit() {
        advance();
        return committable == assignedAt ? -1 : committable;
    }

    private void advance() {
        while (!pending.isEmpty() && acknowledged.remove(pending.firstKey())) {
            committable = pending.pollFirstEntry().getKey() + 1;
        }
    }

    /** How long the oldest unacknowledged record has waited, in ms; 0 when none waits. */
    long oldestWaitMillis(long nowMillis) {
        return pending.entrySet().stream().filter(e -> !acknowledged.contains(e.getKey()))
                .mapToLong(e -> nowMillis - e.getValue()).max().orElse(0);
    }

    int unacknowledged() {
        return pending.size() - acknowledged.size();
    }
}
