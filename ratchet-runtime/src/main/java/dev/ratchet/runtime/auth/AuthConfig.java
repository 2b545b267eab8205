package dev.ratchet.runtime.auth;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the first admin key comes from ({@code ratchet.auth.*}). */
@ConfigMapping(prefix = "ratchet.auth")
public interface AuthConfig {

    Bootstrap bootstrap();

    interface Bootstrap {

        /** A file holding one API key, stored at start-up as an admin key when it is not stored yet. */
        Optional<Path> keyFile();

        /** The team of that key. */
        @WithDefault("dev")
        String team();
    }
}
