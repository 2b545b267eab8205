package dev.ratchet.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import dev.ratchet.core.auth.ApiKey;

/**
 * The local cluster's development key, in {@code api-key} of its state directory: made on the first start (readable
 * by you only), kept across runs, and stored by the planner at every start as an admin key of team {@code dev}
 * ({@code ratchet.auth.bootstrap.key-file}). {@code --fresh} empties the state directory and so makes a new one.
 */
final class DevKey {

    static final String FILE = "api-key";
    static final String TEAM = "dev";

    private DevKey() {
    }

    /** The key in {@code file}, made and written there first if the file does not exist. */
    static String ensure(Path file) {
        try {
            if (Files.exists(file)) {
                String token = Files.readString(file).strip();
                return ApiKey.parse(token).map(ApiKey::token).orElseThrow(() -> new IllegalStateException(file
                        + " does not hold an API key (rk_<id>_<secret>); delete it to make a new one"));
            }
            String token = ApiKey.generate(new SecureRandom()).token();
            Files.createDirectories(file.getParent());
            Files.createFile(file);
            ownerOnly(file);
            Files.writeString(file, token + "\n");
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the development key " + file, e);
        }
    }

    /** The key of a running cluster whose state names its key file, for commands run beside it. */
    static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the development key " + file, e);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the file keeps the directory's permissions.
        }
    }
}
