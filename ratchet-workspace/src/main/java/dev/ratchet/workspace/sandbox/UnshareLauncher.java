package dev.ratchet.workspace.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * util-linux unshare: new pid, net, ipc, uts and mount namespaces (and a user namespace when the JVM is not root,
 * which is what lets it make the others). {@code unshare-init.sh} then makes every mount read-only except the
 * sandbox, gives the check the sandbox's {@code tmp/} as /tmp and empty /run and /dev/shm, and starts the check in
 * its own session without capabilities. The script stays pid 1 of the namespace and ends with the check's first
 * process, so everything else ends then too; {@code --pdeathsig} and {@code --kill-child} carry the JVM's death
 * down to it.
 */
final class UnshareLauncher implements Launcher {

    private static final String INIT = script();

    private final Path unshare;
    private final Tools tools;
    private final Optional<CheckUser> user;
    private final boolean root;

    UnshareLauncher(Path unshare, Tools tools, Optional<CheckUser> user, boolean root) {
        this.unshare = unshare;
        this.tools = tools;
        this.user = user;
        this.root = root;
    }

    @Override
    public Isolation isolation() {
        return Isolation.UNSHARE;
    }

    @Override
    public List<String> command(SandboxDir dir, List<String> check) {
        List<String> command = new ArrayList<>(List.of(tools.setpriv().toString(), "--pdeathsig", "KILL", "--",
                unshare.toString()));
        if (!root) {
            command.addAll(List.of("--user", "--map-root-user"));
        }
        command.addAll(List.of("--pid", "--net", "--mount", "--ipc", "--uts", "--fork", "--kill-child",
                "--mount-proc", tools.sh().toString(), "-c", INIT, "unshare-init", dir.root().toString(),
                user.map(CheckUser::owner).orElse("-"), tools.setpriv().toString(), tools.setsid().toString(),
                "--wait"));
        command.addAll(check);
        return command;
    }

    @Override
    public String tmpDir(SandboxDir dir) {
        return "/tmp";
    }

    private static String script() {
        try (InputStream in = UnshareLauncher.class.getResourceAsStream("unshare-init.sh")) {
            if (in == null) {
                throw new IllegalStateException("unshare-init.sh is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
