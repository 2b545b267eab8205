package dev.ratchet.local;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;

import dev.ratchet.core.json.Json;

/**
 * The addresses of a running {@code ./ratchet up} cluster, in {@code .ratchet/cluster.json}, so that
 * {@code ./ratchet demo} can use it instead of starting another one.
 */
final class ClusterState {

    private ClusterState() {
    }

    static void write(LocalLayout layout, Map<String, String> addresses) {
        try {
            Files.createDirectories(layout.stateDir());
            Map<String, Object> state = new java.util.LinkedHashMap<>(addresses);
            state.put("pid", ProcessHandle.current().pid());
            Files.writeString(layout.clusterFile(), Json.write(state));
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

    /** The planner URL of a live cluster started by `./ratchet up`, if there is one. */
    static Optional<Map<String, Object>> running(LocalLayout layout) {
        if (!Files.isRegularFile(layout.clusterFile())) {
            return Optional.empty();
        }
        try {
            Map<String, Object> state = Json.mapper().readValue(Files.readString(layout.clusterFile()),
                    new TypeReference<Map<String, Object>>() {
                    });
            long pid = ((Number) state.get("pid")).longValue();
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            return alive && PlatformClient.isReady((String) state.get("planner-service")) ? Optional.of(state)
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
