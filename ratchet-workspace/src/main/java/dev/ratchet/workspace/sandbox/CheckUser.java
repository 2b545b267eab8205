package dev.ratchet.workspace.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The unprivileged user a check runs as when the JVM is root. Linux never applies RLIMIT_NPROC to uid 0, even in a
 * user namespace, so a root check could fork without bound; as another user the limit holds, and the copy is
 * handed to that user so the check can write it (and git accepts its ownership).
 */
record CheckUser(int uid, int gid) {

    static Optional<CheckUser> of(SandboxConfig config) {
        return jvmIsRoot() && config.runAsUid() != 0
                ? Optional.of(new CheckUser(config.runAsUid(), config.runAsGid()))
                : Optional.empty();
    }

    static boolean jvmIsRoot() {
        try {
            // /proc/self belongs to the effective uid of the process that looks at it.
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tell which user the JVM runs as", e);
        }
    }

    /**
     * The first directory on the way to {@code dir} that this user cannot pass through (not owned by it and not
     * searchable by others), if any: bwrap, running as this user, must reach the copy to bind it.
     */
    Optional<Path> blockedOnTheWayTo(Path dir) {
        try {
            for (Path at = dir.toRealPath(); at != null; at = at.getParent()) {
                boolean own = ((Integer) Files.getAttribute(at, "unix:uid")) == uid;
                if (!own && !Files.getPosixFilePermissions(at).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return Optional.of(at);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot inspect " + dir, e);
        }
    }

    String owner() {
        return uid + ":" + gid;
    }

    /**
     * {@code setpriv} switching to {@code user} (when present), with no way back to more privilege: no new
     * privileges through set-uid programs, no capabilities.
     */
    static List<String> setpriv(Path setpriv, Optional<CheckUser> user) {
        List<String> command = new ArrayList<>(List.of(setpriv.toString()));
        user.ifPresent(u -> command.addAll(List.of("--reuid=" + u.uid, "--regid=" + u.gid, "--clear-groups")));
        command.addAll(List.of("--no-new-privs", "--inh-caps=-all", "--bounding-set=-all", "--"));
        return command;
    }
}
