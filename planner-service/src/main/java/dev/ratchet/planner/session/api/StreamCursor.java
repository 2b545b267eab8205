package dev.ratchet.planner.session.api;

import java.util.regex.Pattern;

import dev.ratchet.runtime.rest.ProblemException;
import dev.ratchet.runtime.rest.QueryParams;

/**
 * A Redis Stream entry id as a client sends it back: {@code <ms>-<seq>}, each an unsigned 64-bit number. Checked
 * here so that a cursor Redis would refuse (e.g. {@code 99999999999999999999-0}) is a 400, not a Redis error.
 */
record StreamCursor(long ms, long seq) implements Comparable<StreamCursor> {

    static final StreamCursor START = new StreamCursor(0, 0);
    /** Nothing comes after it (Redis cannot start a range after it either). */
    static final StreamCursor MAX = new StreamCursor(-1, -1);

    private static final Pattern FORM = Pattern.compile("(\\d{1,20})-(\\d{1,20})");

    /** Parses an id Redis gave out. */
    static StreamCursor of(String id) {
        int dash = id.indexOf('-');
        return new StreamCursor(Long.parseUnsignedLong(id.substring(0, dash)),
                Long.parseUnsignedLong(id.substring(dash + 1)));
    }

    /** @throws ProblemException (400) naming {@code field} when {@code raw} is not a stream id */
    static StreamCursor parse(String field, String raw) {
        var matcher = FORM.matcher(raw.strip());
        if (matcher.matches()) {
            try {
                return new StreamCursor(Long.parseUnsignedLong(matcher.group(1)),
                        Long.parseUnsignedLong(matcher.group(2)));
            } catch (NumberFormatException e) {
                // a part over 2^64-1: answered below
            }
        }
        throw ProblemException.invalidParameter(field, "must be an event id such as 1767139200000-0 (two numbers "
                + "up to 18446744073709551615), not '" + QueryParams.echo(raw) + "'");
    }

    @Override
    public int compareTo(StreamCursor other) {
        int byMs = Long.compareUnsigned(ms, other.ms);
        return byMs != 0 ? byMs : Long.compareUnsigned(seq, other.seq);
    }

    boolean after(StreamCursor other) {
        return compareTo(other) > 0;
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(ms) + "-" + Long.toUnsignedString(seq);
    }
}
