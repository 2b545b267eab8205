package dev.ratchet.workspace.sandbox;

import java.util.List;
import java.util.Map;

/** Wraps a check's own command line in one kind of isolation. */
interface Launcher {

    Isolation isolation();

    /**
     * The command line that runs {@code check} (already wrapped in its limits) in {@code dir}. It is started with
     * {@code dir.work()} as its directory and exits with the check's status.
     */
    List<String> command(SandboxDir dir, List<String> check);

    /** TMPDIR as the check sees it. */
    String tmpDir(SandboxDir dir);

    /** Environment entries the launcher needs to find the check's processes again. */
    default Map<String, String> marker(String checkId) {
        return Map.of();
    }

    /**
     * Kills whatever check {@code checkId} left running after its first process ended or was killed. With a pid
     * namespace there is nothing to do: the kernel kills every process in it when its first process dies.
     */
    default void killLeftovers(String checkId) {
    }
}
