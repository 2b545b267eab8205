package dev.ratchet.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ratchet.core.hooks.HubSignature;
import dev.ratchet.core.json.Json;
import dev.ratchet.workspace.Git;

/**
 * {@code ./ratchet demo --scenario ci}: a failed GitHub workflow run starts a session. The delivery is made from
 * the octokit example in {@code examples/github/} (its conclusion set to {@code failure}, its head SHA to the commit
 * of a fresh copy of {@code examples/textstats} at the clone the cluster maps {@value #REPOSITORY} to), signed with
 * the cluster's webhook secret and posted to {@code /hooks/github}; the session is followed to its end; then the
 * same delivery is posted again and must be answered as a duplicate that starts nothing.
 */
final class CiDemo {

    static final String REPOSITORY = "octo-org/octo-repo";
    static final String PAYLOAD = "github/workflow_run.completed.payload.json";
    /** The webhook secret's file in the state directory, a properties file read through quarkus.config.locations. */
    static final String SECRET_FILE = "hooks.properties";
    static final String SECRET_PROPERTY = "ratchet.hooks.github.secret";

    private CiDemo() {
    }

    /** Where the cluster of {@code stateDir} keeps the clone {@value #REPOSITORY} maps to. */
    static Path clone(Path stateDir) {
        return stateDir.resolve("ci").resolve("octo-repo");
    }

    static Demo.Result run(LocalLayout layout, ApiEndpoint planner, Path stateDir, Consumer<String> out) {
        Demo.requirePython();
        Path clone = freshClone(layout, clone(stateDir));
        String head = Git.headCommit(clone);
        byte[] body = delivery(layout, head);
        String secret = secret(stateDir);
        String delivery = UUID.randomUUID().toString();
        out.accept("ci: " + clone + " (a copy of examples/textstats) is " + REPOSITORY + "; posting a failed "
                + "workflow_run at " + head + " to " + planner.url() + "/hooks/github, delivery " + delivery);
        JsonNode started = post(planner, delivery, body, secret, 201);
        String id = started.path("session").asText();
        out.accept("session " + id + " started by delivery " + delivery);
        PlatformClient api = new PlatformClient(planner);
        Demo.follow(api, id, out);
        JsonNode session = api.session(id);
        JsonNode again = post(planner, delivery, body, secret, 200);
        if (!"duplicate".equals(again.path("status").asText()) || !id.equals(again.path("session").asText())) {
            throw new IllegalStateException("delivery " + delivery + " posted again was not ignored: " + again);
        }
        out.accept("delivery " + delivery + " posted again: ignored (" + again.path("reason").asText() + ")");
        Demo.Result result = Demo.Result.of(id, session, clone);
        out.accept(result.summary());
        return result;
    }

    /** The webhook secret of the cluster of {@code stateDir}, made on its first start ({@link DevKey#hookSecret}). */
    static String secret(Path stateDir) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(stateDir.resolve(SECRET_FILE))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cluster's webhook secret", e);
        }
        return properties.getProperty(SECRET_PROPERTY);
    }

    private static Path freshClone(LocalLayout layout, Path clone) {
        if (Files.exists(clone)) {
            try (Stream<Path> files = Files.walk(clone)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot empty " + clone, e);
            }
        }
        return Demo.prepareRepository(layout, clone);
    }

    private static byte[] delivery(LocalLayout layout, String head) {
        try {
            ObjectNode payload = (ObjectNode) Json.mapper().readTree(layout.examples().resolve(PAYLOAD).toFile());
            ((ObjectNode) payload.path("workflow_run")).put("conclusion", "failure").put("head_sha", head);
            return Json.mapper().writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read examples/" + PAYLOAD, e);
        }
    }

    private static JsonNode post(ApiEndpoint planner, String delivery, byte[] body, String secret, int expected) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(planner.url() + "/hooks/github"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("X-GitHub-Event", "workflow_run").header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", HubSignature.sign(secret, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> response = PlatformClient.send(HttpClient.newHttpClient(), request,
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException("POST /hooks/github answered " + response.statusCode() + ": "
                    + response.body());
        }
        return Json.read(response.body(), JsonNode.class);
    }
}
