package dev.ratchet.workspace.sandbox;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The programs a sandbox is built from, as absolute paths found once on the JVM's PATH (then the usual system
 * directories), so that neither a check's PATH nor a later change of PATH decides which program wraps a check.
 * util-linux (prlimit, setpriv, setsid, unshare) is part of every Debian and Ubuntu install; bwrap is optional.
 */
record Tools(Optional<Path> bwrap, Optional<Path> unshare, Path setpriv, Path prlimit, Path setsid, Path sh) {

    static Tools find() {
        return new Tools(which("bwrap"), which("unshare"), required("setpriv"), required("prlimit"),
                required("setsid"), required("sh"));
    }

    static Optional<Path> which(String name) {
        return Programs.which(name);
    }

    private static Path required(String name) {
        return which(name).orElseThrow(() -> new IllegalStateException("checks need " + name
                + " (util-linux, Linux only) and it is not on PATH; install it with apt-get install -y util-linux"));
    }
}
