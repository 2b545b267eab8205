package dev.ratchet.workspace.sandbox;

import java.nio.charset.StandardCharsets;

/**
 * Keeps the first {@code headBytes} and the last {@code tailBytes} of a check's output, never more: the head says
 * what the check started doing, the tail is where a test run reports its failures. What falls between is counted
 * and replaced by one marker line.
 */
public final class OutputCapture {

    private final byte[] head;
    private final byte[] tail;
    private int headLength;
    /** Bytes written to the tail ring in all; the ring holds the last {@code tail.length} of them. */
    private long tailWritten;

    OutputCapture(int headBytes, int tailBytes) {
        if (headBytes < 0 || tailBytes < 0) {
            throw new IllegalArgumentException("output limits must not be negative: " + headBytes + ", " + tailBytes);
        }
        this.head = new byte[headBytes];
        this.tail = new byte[tailBytes];
    }

    synchronized void write(byte[] buffer, int offset, int length) {
        int toHead = Math.min(length, head.length - headLength);
        System.arraycopy(buffer, offset, head, headLength, toHead);
        headLength += toHead;
        int from = offset + toHead;
        int rest = length - toHead;
        if (rest > tail.length) {
            // Only the last tail.length bytes of this write can survive; skip the others without copying them.
            tailWritten += rest - tail.length;
            from += rest - tail.length;
            rest = tail.length;
        }
        while (rest > 0) {
            int at = (int) (tailWritten % tail.length);
            int n = Math.min(rest, tail.length - at);
            System.arraycopy(buffer, from, tail, at, n);
            tailWritten += n;
            from += n;
            rest -= n;
        }
    }

    /** Every byte the check wrote, kept or not. */
    synchronized long totalBytes() {
        return headLength + tailWritten;
    }

    synchronized long omittedBytes() {
        return Math.max(0, tailWritten - tail.length);
    }

    /** Head, then a marker line when bytes were left out, then tail; decoded as UTF-8. */
    synchronized String text() {
        int kept = (int) Math.min(tailWritten, tail.length);
        byte[] last = new byte[kept];
        int start = (int) ((tailWritten - kept) % Math.max(1, tail.length));
        for (int i = 0; i < kept; i++) {
            last[i] = tail[(start + i) % tail.length];
        }
        byte[] first = new byte[headLength];
        System.arraycopy(head, 0, first, 0, headLength);
        return text(first, last, omittedBytes());
    }

    /**
     * A check's output as {@link #text()} gives it, from a head and a tail kept elsewhere (a Kubernetes Job's files)
     * and the bytes that fell between them.
     */
    public static String text(byte[] head, byte[] tail, long omittedBytes) {
        String text = new String(head, StandardCharsets.UTF_8);
        if (omittedBytes > 0) {
            text += (text.endsWith("\n") || text.isEmpty() ? "" : "\n") + marker(omittedBytes) + "\n";
        }
        return text + new String(tail, StandardCharsets.UTF_8);
    }

    static String marker(long omittedBytes) {
        return "[ratchet: " + omittedBytes + " bytes of output left out]";
    }
}
