package dev.ratchet.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;

import dev.ratchet.core.json.Json;

/**
 * The addresses of a running {@code ./ratchet up} cluster, in {@code .ratchet/cluster.json}, so that
 * {@code ./ratchet demo} can use it instead of starting another one, and {@code ./ratchet restart} and
 * {@code ./ratchet dlq} can reach it: every part's address, the launcher's pid, and its control endpoint with the
 * token it requires (the file is readable by its owner only).
 */
public final class ClusterState {

    static final String CONTROL = "control";
    static final String TOKEN = "control-token";
    static final String API_KEY_FILE = "api-key-file";
    static final String STATE_DIR = "state-dir";
    /** The key a command sends to a cluster named by its URL, when no key file is given. */
    static final String API_KEY_ENV = "RATCHET_API_KEY";

    private ClusterState() {
    }

    static void write(LocalLayout layout, Map<String, String> addresses, Path stateDir, Path apiKeyFile,
            ControlServer control) {
        try {
            Files.createDirectories(layout.stateDir());
            Map<String, Object> state = new LinkedHashMap<>(addresses);
            state.put("pid", ProcessHandle.current().pid());
            state.put(CONTROL, control.url().toString());
            state.put(TOKEN, control.token());
            state.put(API_KEY_FILE, apiKeyFile.toString());
            state.put(STATE_DIR, stateDir.toString());
            Files.deleteIfExists(layout.clusterFile());
            DevKey.writeOwnerOnly(layout.clusterFile(), Json.write(state));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + layout.clusterFile(), e);
        }
    }

    static void remove(LocalLayout layout) {
        try {
            Files.deleteIfExists(layout.clusterFile());
        } catch (IOException e) {
            // Best effort at shutdown: a stale file is detected by its dead pid next time.
        }
    }

    /** The state of a live cluster started by `./ratchet up` whose planner answers ready, if there is one. */
    static Optional<Map<String, Object>> running(LocalLayout layout) {
        return launcher(layout).filter(state -> PlatformClient.isReady((String) state.get("planner-service")));
    }

    /** The running local cluster's API of {@code service}, with its development key; empty when none runs. */
    public static Optional<ApiEndpoint> localApi(LocalLayout layout, String service) {
        return api(layout, service, null, null);
    }

    /**
     * The API of {@code service} ({@code planner-service}, {@code skills-registry}): at {@code url} when given, with
     * the key in {@code keyFile}, else in {@value #API_KEY_ENV}; otherwise the running cluster's, with its
     * development key. Empty when no URL is given and no cluster runs.
     */
    static Optional<ApiEndpoint> api(LocalLayout layout, String service, String url, String keyFile) {
        if (url != null) {
            return Optional.of(new ApiEndpoint(url, keyFile != null ? DevKey.read(Path.of(keyFile))
                    : Optional.ofNullable(System.getenv(API_KEY_ENV)).orElse("")));
        }
        return launcher(layout).map(state -> new ApiEndpoint((String) state.get(service), DevKey.read(Path.of(
                keyFile != null ? keyFile : (String) state.get(API_KEY_FILE)))));
    }

    /**
     * The state of a cluster whose launcher process is alive, whatever its parts are doing (one may be restarting).
     */
    static Optional<Map<String, Object>> launcher(LocalLayout layout) {
        if (!Files.isRegularFile(layout.clusterFile())) {
            return Optional.empty();
        }
        try {
            Map<String, Object> state = Json.mapper().readValue(Files.readString(layout.clusterFile()),
                    new TypeReference<Map<String, Object>>() {
                    });
            long pid = ((Number) state.get("pid")).longValue();
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            return alive ? Optional.of(state) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
