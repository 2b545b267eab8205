package dev.ratchet.local.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import dev.ratchet.local.ApiEndpoint;
import dev.ratchet.local.ApiUnreachable;
import dev.ratchet.local.ClusterState;
import dev.ratchet.local.LocalLayout;
import dev.ratchet.local.PlatformClient;
import picocli.CommandLine.Option;

/**
 * Where the API is and which key to send: flags first, then {@code RATCHET_URL} / {@code RATCHET_API_KEY}, then the
 * running local cluster's files ({@code ./ratchet up} writes its planner's address and its key file).
 */
final class Connection {

    static final String URL_ENV = "RATCHET_URL";
    static final String KEY_ENV = "RATCHET_API_KEY";

    @Option(names = "--url", paramLabel = "URL", description = "The planner's base URL (env RATCHET_URL; default: "
            + "the cluster that ./ratchet up runs)")
    String url;

    @Option(names = "--api-key", paramLabel = "KEY", description = "The API key (env RATCHET_API_KEY; default: the "
            + "local cluster's development key). Prefer the env or --api-key-file: flags show in ps")
    String apiKey;

    @Option(names = "--api-key-file", paramLabel = "FILE", description = "A file holding the API key")
    Path apiKeyFile;

    PlatformClient client(LocalLayout layout, Map<String, String> env) {
        return new PlatformClient(endpoint(layout, env));
    }

    ApiEndpoint endpoint(LocalLayout layout, Map<String, String> env) {
        String key = key(env).orElse(null);
        String base = url != null ? url : env.get(URL_ENV);
        if (base != null) {
            return new ApiEndpoint(base, key == null ? "" : key);
        }
        ApiEndpoint local = ClusterState.localApi(layout, "planner-service").orElseThrow(() -> new ApiUnreachable(
                "no Ratchet cluster is running here (./ratchet up starts one); pass --url or set " + URL_ENV, null));
        return key == null ? local : new ApiEndpoint(local.url(), key);
    }

    private Optional<String> key(Map<String, String> env) {
        if (apiKey != null) {
            return Optional.of(apiKey);
        }
        if (apiKeyFile != null) {
            try {
                return Optional.of(Files.readString(apiKeyFile).strip());
            } catch (IOException e) {
                throw new UsageError("--api-key-file: cannot read " + apiKeyFile + ": " + e.getMessage());
            }
        }
        return Optional.ofNullable(env.get(KEY_ENV)).filter(k -> !k.isBlank());
    }
}
