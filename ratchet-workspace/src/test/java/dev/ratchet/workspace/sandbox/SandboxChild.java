package dev.ratchet.workspace.sandbox;

import java.nio.file.Path;

import dev.ratchet.core.event.Check;

/**
 * A JVM that runs one check which never ends and starts a background process marked with {@code args[2]} less its
 * prefix; the tests kill this JVM and look for the marked process. Arguments: isolation, workspace, marker, base
 * directory.
 */
public final class SandboxChild {

    /** Keeps this JVM's own arguments from matching the marker the tests look for. */
    static final String MARKER_PREFIX = "marker:";

    private SandboxChild() {
    }

    public static void main(String[] args) {
        SandboxRunner runner = new SandboxRunner(SandboxConfig.defaults().withStrongest(Isolation.valueOf(args[0]))
                .withBaseDir(Path.of(args[3])));
        System.out.println("isolation " + runner.isolation().label());
        System.out.flush();
        runner.run(new Check("forever", "sh -c 'while :; do sleep 1; done' "
                + args[2].substring(MARKER_PREFIX.length()) + " & sleep 600", 600),
                Path.of(args[1]));
    }
}
