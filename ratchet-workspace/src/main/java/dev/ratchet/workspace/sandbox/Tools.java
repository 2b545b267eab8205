package dev.ratchet.workspace.sandbox;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The programs a sandbox is built from, as absolute paths found once on the JVM's PATH (then the usual system
 * directories), so that neither a check's PATH nor a later change of PATH decides which program wraps a check.
 * util-linux (prlimit, setpriv, setsid, unshare) is part of every Debian and Ubuntu install; bwrap is optional.
 */
record Tools(Optional<Path> bwrap, Optional<Path> unshare, Path setpriv, Path prlimit, Path setsid, Path sh) {

    private static final String SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    static Tools find() {
        return new Tools(which("bwrap"), which("unshare"), required("setpriv"), required("prlimit"),
                required("setsid"), required("sh"));
    }

    static Optional<Path> which(String name) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("") + File.pathSeparator + SYSTEM_PATH;
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static Path required(String name) {
        return which(name).orElseThrow(() -> new IllegalStateException("checks need " + name
                + " (util-linux, Linux only) and it is not on PATH; install it with apt-get install -y util-linux"));
    }
}
