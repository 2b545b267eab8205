package dev.ratchet.local.client;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ratchet sessions}: the team's sessions, newest first, one line each. */
@Command(name = "sessions", description = "List sessions (newest first)")
final class SessionsCommand extends ClientCommand {

    @Option(names = "--status", paramLabel = "STATUS", description = "Only sessions in this status (RUNNING...)")
    String status;

    @Option(names = "--repo", paramLabel = "PATH", description = "Only sessions on this repository")
    String repo;

    @Option(names = "--limit", paramLabel = "N", description = "At most N sessions (the API's default when absent)")
    Integer limit;

    @Option(names = "--cursor", paramLabel = "CURSOR", description = "The next page, as the previous one named it")
    String cursor;

    SessionsCommand(Context context) {
        super(context);
    }

    @Override
    public Integer call() {
        Map<String, String> query = new LinkedHashMap<>();
        put(query, "status", status);
        put(query, "repo", repo);
        put(query, "limit", limit == null ? null : limit.toString());
        put(query, "cursor", cursor);
        JsonNode page = client().sessions(query);
        if (json) {
            print(page);
            return Exit.DONE;
        }
        Instant now = Instant.now();
        for (JsonNode s : page.path("items")) {
            out().printf("%-36s  %-17s  %d/%d verified  %5s  %s%n", s.path("id").asText(), s.path("status").asText(),
                    s.path("verifiedSteps").asLong(), s.path("steps").asInt(), age(s.path("createdAt").asText(), now),
                    Text.oneLine(s.path("goal").asText(), 60));
        }
        if (page.hasNonNull("nextCursor")) {
            out().println("more: --cursor " + page.path("nextCursor").asText());
        }
        return Exit.DONE;
    }

    private static void put(Map<String, String> query, String name, String value) {
        if (value != null && !value.isBlank()) {
            query.put(name, value);
        }
    }

    /** {@code 42s}, {@code 7m}, {@code 3h}, {@code 2d}: how long ago, as a person scans a list. */
    static String age(String createdAt, Instant now) {
        Duration d;
        try {
            d = Duration.between(Instant.parse(createdAt), now);
        } catch (java.time.format.DateTimeParseException e) {
            return "?";
        }
        long s = Math.max(0, d.toSeconds());
        return s < 60 ? s + "s" : s < 3600 ? s / 60 + "m" : s < 86_400 ? s / 3600 + "h" : s / 86_400 + "d";
    }
}
