package dev.ratchet.local.client;

import java.io.PrintWriter;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.core.json.Json;
import dev.ratchet.local.PlatformClient;
import dev.ratchet.local.SessionFollow;
import dev.ratchet.local.SessionLine;

/**
 * The live view of {@code follow} and {@code submit --follow}: one line per progress event (its time and message,
 * with a bar per running variant of a best-of-N attempt: {@link FollowView}; or the event's JSON, {@code variant}
 * included), then the session's one-line outcome; the exit code says how it ended.
 */
final class Follower {

    private Follower() {
    }

    static int follow(PlatformClient client, String id, Duration timeout, boolean json, PrintWriter out,
            PrintWriter err) {
        // A terminal gets the best-of-N board drawn in place; a pipe or file gets each line once.
        FollowView view = new FollowView(System.console() != null, out);
        boolean ended = SessionFollow.follow(client, id, timeout, event -> {
            if (json) {
                out.println(Json.write(event.data()));
                out.flush();
            } else {
                view.show(event.data());
            }
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
}
