package dev.ratchet.local.client;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.core.json.Json;
import dev.ratchet.local.PlatformClient;
import dev.ratchet.local.SessionFollow;
import dev.ratchet.local.SessionLine;

/**
 * The live view of {@code follow} and {@code submit --follow}: one line per progress event (its time and message,
 * or the event's JSON), then the session's one-line outcome; the exit code says how it ended.
 */
final class Follower {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private Follower() {
    }

    static int follow(PlatformClient client, String id, Duration timeout, boolean json, PrintWriter out,
            PrintWriter err) {
        boolean ended = SessionFollow.follow(client, id, timeout, event -> {
            out.println(json ? Json.write(event.data()) : line(event));
            out.flush();
        });
        if (!ended) {
            err.println("session " + id + " still runs after " + timeout.toSeconds() + " s (--timeout); ./ratchet "
                    + "follow " + id + " goes on watching");
            return Exit.STILL_RUNNING;
        }
        JsonNode session = client.session(id);
        out.println(json ? Json.write(session) : SessionLine.of(id, session));
        return "COMPLETED".equals(session.path("status").asText()) ? Exit.DONE : Exit.SESSION_FAILED;
    }

    private static String line(PlatformClient.Event event) {
        String at;
        try {
            at = CLOCK.format(Instant.parse(event.data().path("at").asText()));
        } catch (DateTimeParseException e) {
            at = "--:--:--";
        }
        return at + "  " + Text.oneLine(event.data().path("message").asText(), 200);
    }
}
