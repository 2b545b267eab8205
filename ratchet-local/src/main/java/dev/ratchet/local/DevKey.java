package dev.ratchet.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

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
            writeOwnerOnly(file, token + "\n");
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the development key " + file, e);
        }
    }

    /**
     * The cluster's GitHub webhook secret (32 random bytes, hex) as a properties file in {@code file}, made on the
     * first start (owner-only) and kept; the services read it through {@code quarkus.config.locations}, so that it
     * is in no process's arguments or environment.
     */
    static Path hookSecret(Path file) {
        if (!Files.exists(file)) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            writeOwnerOnly(file, CiDemo.SECRET_PROPERTY + "=" + HexFormat.of().formatHex(secret) + "\n");
        }
        return file;
    }

    /** The key of a running cluster whose state names its key file, for commands run beside it. */
    static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the development key " + file, e);
        }
    }

    /**
     * Creates {@code file} readable by its owner only, then writes {@code content}, so that a secret is never
     * readable by others, not even for a moment (the cluster state's control token uses it too).
     */
    static void writeOwnerOnly(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.createFile(file);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the file keeps the directory's permissions.
            }
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
