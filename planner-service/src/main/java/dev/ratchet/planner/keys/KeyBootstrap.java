package dev.ratchet.planner.keys;

import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.ratchet.core.auth.ApiKey;
import dev.ratchet.core.auth.Role;
import dev.ratchet.runtime.auth.AuthConfig;
import dev.ratchet.runtime.auth.KeyStore;
import io.quarkus.runtime.StartupEvent;

/**
 * The first key, which no API call can make (creating keys needs one): when {@code ratchet.auth.bootstrap.key-file}
 * names a file holding a key, the planner stores that key at start-up as an admin key of
 * {@code ratchet.auth.bootstrap.team}, unless it is stored already (so every replica and every restart may try). The
 * local cluster writes the file on its first start ({@code .ratchet/local/api-key}); a Redis emptied since gets the
 * same key again. On Kubernetes the file comes from the optional Secret {@code ratchet-bootstrap-key}: while it is
 * absent the planner starts without a key and says once how to give one.
 */
@ApplicationScoped
public class KeyBootstrap {

    /** A shell word that makes a new key: 8 random bytes in hex, 32 in unpadded base64url (ApiKey's shape). */
    static final String GENERATE = "rk_$(openssl rand -hex 8)_$(openssl rand -base64 32 | tr '+/' '-_' | tr -d '=')";

    /** What an operator types to give the first key; docs/KUBERNETES.md, "The first API key", says the same. */
    static final String HOW_TO_CREATE = "kubectl -n ratchet create secret generic ratchet-bootstrap-key"
            + " --from-literal=api-key=\"" + GENERATE + "\""
            + " && kubectl -n ratchet rollout restart deployment/planner-service";

    private static final Logger LOG = Logger.getLogger(KeyBootstrap.class);

    /** What one look at the key file did. */
    enum Outcome { NO_FILE, STORED, ALREADY_STORED }

    @Inject
    AuthConfig config;

    @Inject
    KeyStore keys;

    void onStart(@Observes StartupEvent start) {
        config.bootstrap().keyFile().ifPresent(this::store);
    }

    /** Stores the key {@code file} holds, if it holds one and it is not stored yet. */
    Outcome store(Path file) {
        Optional<ApiKey> key = BootstrapKeyFile.read(file);
        if (key.isEmpty()) {
            LOG.warnf("no bootstrap API key: ratchet.auth.bootstrap.key-file %s does not exist, so none was stored"
                    + " (until Redis holds an admin key, every /api/ call answers 401). To give one on Kubernetes: %s"
                    + " (docs/KUBERNETES.md, The first API key)", file, HOW_TO_CREATE);
            return Outcome.NO_FILE;
        }
        String team = config.bootstrap().team();
        if (!keys.register(key.get(), team, Role.ADMIN)) {
            return Outcome.ALREADY_STORED;
        }
        LOG.infof("stored the bootstrap key %s (admin of team %s) from %s", key.get().id(), team, file);
        return Outcome.STORED;
    }
}
