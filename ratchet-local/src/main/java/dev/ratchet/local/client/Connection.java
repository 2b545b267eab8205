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
import picocli.CommandLine.Option;

/**
 * Where the API is and which key to send: flags first, then {@code RATCHET_URL} / {@code RATCHET_API_KEY}, then the
 * running local cluster's files ({@code ./ratchet up} writes its planner's address and its key file).
 */
final class Connection {

    static final String URL_ENV = "RATCHET_URL";
    static final String SKILLS_URL_ENV = "RATCHET_SKILLS_URL";
    static final String KEY_ENV = "RATCHET_API_KEY";

    /** The service a command talks to, the variable naming its address, and its name in the local cluster's file. */
    enum Service {
        PLANNER("planner-service", URL_ENV), SKILLS("skills-registry", SKILLS_URL_ENV);

        final String name;
        final String urlEnv;

        Service(String name, String urlEnv) {
            this.name = name;
            this.urlEnv = urlEnv;
        }
    }

    @Option(names = "--url", paramLabel = "URL", description = "The service's base URL (env RATCHET_URL for the "
            + "planner, RATCHET_SKILLS_URL for the skills registry; default: the cluster that ./ratchet up runs)")
    String url;

    @Option(names = "--api-key", paramLabel = "KEY", description = "The API key (env RATCHET_API_KEY; default: the "
            + "local cluster's development key). Prefer the env or --api-key-file: flags show in ps")
    String apiKey;

    @Option(names = "--api-key-file", paramLabel = "FILE", description = "A file holding the API key")
    Path apiKeyFile;

    ApiEndpoint endpoint(LocalLayout layout, Map<String, String> env, Service service) {
        String key = key(env).orElse(null);
        String base = url != null ? url : env.get(service.urlEnv);
        if (base != null) {
            return new ApiEndpoint(base, key == null ? "" : key);
        }
        ApiEndpoint local = ClusterState.localApi(layout, service.name).orElseThrow(() -> new ApiUnreachable(
                "no Ratchet cluster is running here (./ratchet up starts one); pass --url or set " + service.urlEnv,
                null));
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
