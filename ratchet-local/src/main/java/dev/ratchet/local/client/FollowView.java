package dev.ratchet.local.client;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What {@code follow} prints for each progress event a person reads: the event's time and message, and a best-of-N
 * attempt's {@link VariantBoard}. On a terminal ({@code live}) the board stays under the last line and is drawn
 * again in place as variants move (ANSI: cursor up, clear to the end of the screen); in a file or a pipe only its
 * last state is written, once the attempt is decided, so a log holds each variant's verdict without a redraw each.
 */
final class FollowView {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final VariantBoard board = new VariantBoard();
    private final boolean live;
    private final PrintWriter out;
    private int drawn;

    FollowView(boolean live, PrintWriter out) {
        this.live = live;
        this.out = out;
    }

    void show(JsonNode progress) {
        if (drawn > 0) {
            out.print("\u001b[" + drawn + "A\r\u001b[J");   // back to the board's first line, then clear below
            drawn = 0;
        }
        out.println(line(progress));
        boolean closing = board.closedBy(progress);
        board.accept(progress);
        if (closing) {
            board.close().forEach(out::println);
        } else if (live) {
            List<String> lines = board.lines();
            lines.forEach(out::println);
            drawn = lines.size();
        }
        out.flush();
    }

    /** {@code HH:mm:ss  message}, the message cut to one line of at most 200 characters. */
    static String line(JsonNode progress) {
        String at;
        try {
            at = CLOCK.format(Instant.parse(progress.path("at").asText()));
        } catch (DateTimeParseException e) {
            at = "--:--:--";
        }
        return at + "  " + Text.oneLine(progress.path("message").asText(), 200);
    }
}
