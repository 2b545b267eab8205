package dev.ratchet.local;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * Which records of one dead-letter partition were replayed, kept as the committed offset of the consumer group
 * {@code ratchet-dlq-replay}: every record below the committed offset (the watermark) was replayed, and the
 * offset's metadata lists the ones above it that were too, as ranges ({@code replayed-above:5-7,9}), because a
 * replay of one session's records leaves the other sessions' records in between unreplayed.
 */
final class ReplayLog {

    private static final String PREFIX = "replayed-above:";
    /** The broker refuses offset metadata over {@code offset.metadata.max.bytes}, 4096 by default. */
    static final int MAX_METADATA = 4000;
    private static final Pattern RANGES = Pattern.compile("\\d{1,18}(-\\d{1,18})?(,\\d{1,18}(-\\d{1,18})?)*");

    private final long watermark;
    /** Replayed offsets above the watermark: first offset of each range to its last. */
    private final NavigableMap<Long, Long> ranges;

    private ReplayLog(long watermark, NavigableMap<Long, Long> ranges) {
        this.watermark = watermark;
        this.ranges = ranges;
    }

    static ReplayLog empty() {
        return new ReplayLog(0, new TreeMap<>());
    }

    /** The log a committed offset holds; empty when nothing was committed yet. */
    static ReplayLog of(OffsetAndMetadata committed) {
        if (committed == null) {
            return empty();
        }
        String metadata = committed.metadata() == null ? "" : committed.metadata();
        NavigableMap<Long, Long> ranges = new TreeMap<>();
        if (metadata.isEmpty()) {
            return new ReplayLog(committed.offset(), ranges);
        }
        String list = metadata.startsWith(PREFIX) ? metadata.substring(PREFIX.length()) : "";
        if (list.length() > MAX_METADATA || !RANGES.matcher(list).matches()) {
            throw new IllegalStateException("the " + DeadLetters.REPLAY_GROUP + " group's offset metadata is not a "
                    + "replay log: " + (metadata.length() > 80 ? metadata.substring(0, 80) + "..." : metadata));
        }
        for (String range : list.split(",")) {
            String[] ends = range.split("-");
            ranges.put(Long.parseLong(ends[0]), Long.parseLong(ends[ends.length - 1]));
        }
        return new ReplayLog(committed.offset(), ranges);
    }

    long watermark() {
        return watermark;
    }

    boolean replayed(long offset) {
        if (offset < watermark) {
            return true;
        }
        Map.Entry<Long, Long> range = ranges.floorEntry(offset);
        return range != null && offset <= range.getValue();
    }

    /**
     * The log after {@code now} were replayed too. {@code existing} are the offsets of the partition's records from
     * the watermark on, ascending; {@code end} is the partition's end offset when they were read. The watermark
     * moves up to the first record still unreplayed, or to {@code end}.
     */
    ReplayLog with(Collection<Long> now, List<Long> existing, long end) {
        Set<Long> added = new HashSet<>(now);
        long mark = Math.max(watermark, end);
        for (long offset : existing) {
            if (offset >= watermark && !added.contains(offset) && !replayed(offset)) {
                mark = offset;
                break;
            }
        }
        NavigableMap<Long, Long> above = new TreeMap<>();
        Long first = null;
        Long last = null;
        for (long offset : existing) {
            if (offset <= mark || !(added.contains(offset) || replayed(offset))) {
                continue;
            }
            if (last != null && offset == last + 1) {
                last = offset;
                above.put(first, last);
            } else {
                first = offset;
                last = offset;
                above.put(first, last);
            }
        }
        return new ReplayLog(mark, above);
    }

    /**
     * The ranges as offset metadata. Two unreplayed records with a replayed one between them make a new range:
     * only after a few hundred such gaps does it outgrow {@link #MAX_METADATA}.
     */
    String metadata() {
        return ranges.isEmpty() ? "" : PREFIX + ranges.entrySet().stream().map(r -> r.getKey().equals(r.getValue())
                ? r.getKey().toString() : r.getKey() + "-" + r.getValue()).collect(Collectors.joining(","));
    }

    OffsetAndMetadata toCommit() {
        return new OffsetAndMetadata(watermark, metadata());
    }
}
