package dev.ratchet.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.ratchet.workspace.ProcessRunner;

/**
 * Signals sent to the cluster's processes from outside the launcher, as a person would with {@code kill} in a
 * shell: the launcher learns of them only by what the process does.
 */
final class Signals {

    private Signals() {
    }

    /** {@code kill -<signal> <pid>}: {@code KILL} a crash, {@code STOP} freezes the process, {@code CONT} thaws it. */
    static void send(String signal, long pid) {
        ProcessRunner.Result result = ProcessRunner.run(List.of("kill", "-" + signal, Long.toString(pid)),
                Path.of("."), Duration.ofSeconds(20), null, 4096);
        assertThat(result.ok()).as("kill -%s %d: %s", signal, pid, result.output()).isTrue();
    }
}
