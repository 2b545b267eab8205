package dev.ratchet.planner.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.ratchet.core.auth.ApiKey;
import dev.ratchet.core.auth.Role;
import dev.ratchet.runtime.auth.AuthConfig;
import dev.ratchet.runtime.auth.KeyStore;
import io.quarkus.runtime.StartupEvent;

/**
 * The first key, which no API call can make (creating keys needs one): when {@code ratchet.auth.bootstrap.key-file}
 * names a file holding a key, the planner stores that key at start-up as an admin key of
 * {@code ratchet.auth.bootstrap.team}, unless it is stored already. The local cluster writes the file on its first
 * start ({@code .ratchet/local/api-key}); a Redis emptied since gets the same key again.
 */
@ApplicationScoped
public class KeyBootstrap {

    private static final Logger LOG = Logger.getLogger(KeyBootstrap.class);

    void onStart(@Observes StartupEvent start, AuthConfig config, KeyStore keys) {
        config.bootstrap().keyFile().ifPresent(file -> {
            String token;
            try {
                token = Files.readString(file).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read ratchet.auth.bootstrap.key-file " + file, e);
            }
            ApiKey key = ApiKey.parse(token).orElseThrow(() -> new IllegalStateException(
                    "ratchet.auth.bootstrap.key-file " + file + " does not hold an API key (rk_<id>_<secret>)"));
            if (keys.register(key, config.bootstrap().team(), Role.ADMIN)) {
                LOG.infof("stored the bootstrap key %s (admin of team %s) from %s", key.id(),
                        config.bootstrap().team(), file);
            }
        });
    }
}
