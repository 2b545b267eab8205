package dev.ratchet.workspace.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Chooses, once, the strongest isolation that works on this machine: each kind, strongest first, must run a trivial
 * check; the first that does is used for every check. Why the stronger ones were passed over is kept, because every
 * result says it.
 */
final class IsolationProbe {

    static final String INSTALL_BUBBLEWRAP = "install it with apt-get install -y bubblewrap";

    /** The launcher every check uses and the note every result carries. */
    record Decision(Launcher launcher, String note) {
    }

    /** What this machine's sandbox may launch, strongest first. */
    private static final List<Isolation> LOCAL = List.of(Isolation.BUBBLEWRAP, Isolation.UNSHARE, Isolation.NONE);

    private IsolationProbe() {
    }

    /**
     * @param tryLaunch runs the trivial check with a launcher: empty when it worked, else what went wrong
     */
    static Decision decide(SandboxConfig config, Tools tools, Optional<CheckUser> user, boolean root,
            Function<Launcher, Optional<String>> tryLaunch) {
        List<String> passedOver = new ArrayList<>();
        if (config.strongest() != Isolation.BUBBLEWRAP) {
            passedOver.add("limited to " + config.strongest().label() + " by configuration");
        }
        for (Isolation isolation : LOCAL) {
            if (isolation.compareTo(config.strongest()) < 0) {
                continue;
            }
            Optional<Launcher> launcher = launcher(isolation, tools, user, root);
            if (launcher.isEmpty()) {
                passedOver.add(missing(isolation));
                continue;
            }
            Optional<String> failure = tryLaunch.apply(launcher.get());
            if (failure.isPresent()) {
                passedOver.add(isolation.label() + " failed: " + failure.get());
                continue;
            }
            return new Decision(launcher.get(), note(isolation, passedOver, user, root, config));
        }
        throw new IllegalStateException("checks cannot run on this machine: " + String.join("; ", passedOver));
    }

    private static Optional<Launcher> launcher(Isolation isolation, Tools tools, Optional<CheckUser> user,
            boolean root) {
        return switch (isolation) {
            case BUBBLEWRAP -> tools.bwrap().map(bwrap -> new BubblewrapLauncher(bwrap, tools, user));
            case UNSHARE -> tools.unshare().map(unshare -> new UnshareLauncher(unshare, tools, user, root));
            case NONE -> Optional.of(new PlainLauncher(tools, user));
            case KUBERNETES_JOB -> Optional.empty();
        };
    }

    private static String missing(Isolation isolation) {
        return switch (isolation) {
            case BUBBLEWRAP -> "bwrap is not on PATH (" + INSTALL_BUBBLEWRAP + ")";
            case UNSHARE -> "unshare is not on PATH (install it with apt-get install -y util-linux)";
            case NONE -> "none";
            case KUBERNETES_JOB -> "a Kubernetes Job is not run by this sandbox (ratchet.verifier.sandbox=kubernetes)";
        };
    }

    private static String note(Isolation isolation, List<String> passedOver, Optional<CheckUser> user, boolean root,
            SandboxConfig config) {
        List<String> parts = new ArrayList<>(passedOver);
        if (isolation == Isolation.NONE) {
            parts.add("no network or filesystem isolation, and a process that drops its environment can outlive its"
                    + " check (" + INSTALL_BUBBLEWRAP + ")");
        }
        user.ifPresent(u -> parts.add("runs as uid " + u.uid() + " because the service runs as root"));
        if (root && user.isEmpty() && config.runAsUid() == 0) {
            parts.add("runs as root: the process limit is not enforced for uid 0");
        }
        return String.join("; ", parts);
    }
}
