package dev.ratchet.planner.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import dev.ratchet.core.auth.ApiKey;

/**
 * The file {@code ratchet.auth.bootstrap.key-file} names, read without trusting it: absent is no key (Kubernetes
 * mounts the optional Secret {@code ratchet-bootstrap-key} as an empty folder until it exists); a file that is there
 * must be a regular file (through the Secret volume's links, which kubelet makes) of at most {@value #MAX_BYTES}
 * bytes holding one key, or start-up fails naming the file: a key given wrong is an operator's mistake to show.
 */
final class BootstrapKeyFile {

    /** A token is 63 characters ({@code rk_}, 16 hex, {@code _}, 43 base64url); room for a newline and spaces. */
    static final int MAX_BYTES = 1024;

    private BootstrapKeyFile() {
    }

    /** The key in {@code file}, empty when there is no such file. */
    static Optional<ApiKey> read(Path file) {
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("ratchet.auth.bootstrap.key-file " + file + " is not a file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalStateException("ratchet.auth.bootstrap.key-file " + file + " is over " + MAX_BYTES
                        + " bytes: it must hold one API key (rk_<id>_<secret>)");
            }
            String token = Files.readString(file).strip();
            return Optional.of(ApiKey.parse(token).orElseThrow(() -> new IllegalStateException(
                    "ratchet.auth.bootstrap.key-file " + file + " does not hold an API key (rk_<id>_<secret>)")));
        } catch (NoSuchFileException gone) {
            // Removed between the two looks: kubelet swaps a Secret volume's files when the Secret changes.
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ratchet.auth.bootstrap.key-file " + file, e);
        }
    }
}
