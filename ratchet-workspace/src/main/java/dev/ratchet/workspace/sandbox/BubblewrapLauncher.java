package dev.ratchet.workspace.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * bubblewrap: every namespace bwrap can make (user, pid, net, ipc, uts, cgroup), the system bound read-only, a fresh
 * /dev and /proc, an empty /run (no host sockets), the sandbox's own {@code tmp/} as /tmp, and only {@code work/},
 * {@code home/} and that /tmp writable. {@code --die-with-parent} ties it to the JVM thread that started it, and its
 * pid 1 ends with the check's first process, taking every other process of the check with it.
 */
final class BubblewrapLauncher implements Launcher {

    private final Path bwrap;
    private final Tools tools;
    private final Optional<CheckUser> user;

    BubblewrapLauncher(Path bwrap, Tools tools, Optional<CheckUser> user) {
        this.bwrap = bwrap;
        this.tools = tools;
        this.user = user;
    }

    @Override
    public Isolation isolation() {
        return Isolation.BUBBLEWRAP;
    }

    @Override
    public List<String> command(SandboxDir dir, List<String> check) {
        List<String> command = new ArrayList<>();
        if (user.isPresent()) {
            // Switch user first: bwrap then makes the user namespace as that user, so the process limit set inside
            // it counts this check's processes only (the kernel keeps one count per user namespace).
            command.addAll(CheckUser.setpriv(tools.setpriv(), user));
        }
        String work = dir.work().toString();
        String home = dir.home().toString();
        command.addAll(List.of(bwrap.toString(), "--unshare-all", "--die-with-parent", "--new-session",
                "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"));
        if (Files.isDirectory(Path.of("/run"))) {
            command.addAll(List.of("--tmpfs", "/run"));
        }
        // /tmp first: when the sandbox itself lives under /tmp, bwrap then makes the mount points for work/ and home/
        // inside the private /tmp, where the check finds them at their usual paths.
        command.addAll(List.of("--bind", dir.tmp().toString(), "/tmp", "--bind", work, work, "--bind", home, home,
                "--chdir", work, "--"));
        command.addAll(check);
        return command;
    }

    @Override
    public String tmpDir(SandboxDir dir) {
        return "/tmp";
    }
}
