package dev.ratchet.workspace.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * No namespaces: the check runs in its own session ({@code setsid}) under the same limits and environment, as the
 * unprivileged user when the JVM is root. It can reach the network and write wherever its user may. Its processes
 * are found again by {@link Leftovers}; {@code --pdeathsig} kills the first one if the JVM dies, but not the
 * others (a graceful shutdown kills them all).
 */
final class PlainLauncher implements Launcher {

    private final Tools tools;
    private final Optional<CheckUser> user;

    PlainLauncher(Tools tools, Optional<CheckUser> user) {
        this.tools = tools;
        this.user = user;
    }

    @Override
    public Isolation isolation() {
        return Isolation.NONE;
    }

    @Override
    public List<String> command(SandboxDir dir, List<String> check) {
        List<String> command = new ArrayList<>(CheckUser.setpriv(tools.setpriv(), user));
        command.addAll(command.size() - 1, List.of("--pdeathsig", "KILL"));
        command.addAll(List.of(tools.setsid().toString(), "--wait"));
        command.addAll(check);
        return command;
    }

    @Override
    public String tmpDir(SandboxDir dir) {
        return dir.tmp().toString();
    }

    @Override
    public Map<String, String> marker(String checkId) {
        return Map.of(Leftovers.MARKER, checkId);
    }

    @Override
    public void killLeftovers(String checkId) {
        Leftovers.kill(checkId);
    }
}
