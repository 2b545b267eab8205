package dev.ratchet.workspace.sandbox;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One started check: its first process, a thread draining its output into an {@link OutputCapture}, and the way to
 * kill it with everything it started.
 */
final class SandboxProcess {

    /** After SIGKILL a process is gone within milliseconds; 5 s covers a machine under heavy load. */
    private static final long KILL_WAIT_MS = 5000;

    private final Process process;
    private final Thread reader;
    private final Runnable killLeftovers;
    private final long startedNanos = System.nanoTime();

    private SandboxProcess(Process process, OutputCapture output, Runnable killLeftovers) {
        this.process = process;
        this.killLeftovers = killLeftovers;
        this.reader = new Thread(() -> drain(process.getInputStream(), output), "sandbox-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code command} in {@code dir} with exactly {@code env}, stdin from /dev/null and stderr merged into
     * stdout. The calling thread must outlive the check: {@code --die-with-parent} and {@code --pdeathsig} fire
     * when the thread that started the process ends, not only the JVM.
     */
    static SandboxProcess start(List<String> command, Path dir, Map<String, String> env, OutputCapture output,
            Runnable killLeftovers) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(env);
        try {
            return new SandboxProcess(builder.start(), output, killLeftovers);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
    }

    /** Waits for the check's first process to end; false when the timeout came first. */
    boolean await(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Kills the first process and its children, then any leftovers. With a pid namespace the children are the
     * namespace's pid 1 (bubblewrap's or unshare-init.sh), whose death takes every other process of the check with
     * it, without relying on a parent-death signal.
     */
    void kill() {
        process.children().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(KILL_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        killLeftovers.run();
    }

    /**
     * Ends the check once its first process has ended: kills leftovers and waits for the output to close, which
     * happens when the last process holding it is gone.
     */
    void finish() throws InterruptedException {
        killLeftovers.run();
        reader.join(KILL_WAIT_MS);
    }

    int exitCode() {
        return process.exitValue();
    }

    long elapsedMs() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private static void drain(InputStream in, OutputCapture output) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                output.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // The pipe closed because the check was killed; what was read so far is kept.
        }
    }
}
