package dev.ratchet.workspace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.ratchet.core.timing.PhaseClock;

/**
 * Runs a command to completion or to its timeout, whichever comes first, with stderr merged into stdout. On
 * timeout the whole process tree is killed, so a hanging test suite cannot outlive its check.
 */
public final class ProcessRunner {

    /** What a command did. {@code output} is its last {@code maxOutputBytes} bytes when it said more. */
    public record Result(int exitCode, String output, boolean timedOut, long durationMs, boolean truncated) {

        public boolean ok() {
            return exitCode == 0 && !timedOut;
        }
    }

    private ProcessRunner() {
    }

    public static Result run(List<String> command, Path dir, Duration timeout, String stdin, int maxOutputBytes) {
        long start = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0) + " in " + dir, e);
        }
        TailBuffer output = new TailBuffer(maxOutputBytes);
        Thread reader = new Thread(() -> drain(process.getInputStream(), output), "process-output");
        reader.setDaemon(true);
        reader.start();
        writeStdin(process, stdin);
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            reader.join(2000);
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
        long elapsed = System.nanoTime() - start;
        PhaseClock.process(command.get(0), elapsed);
        long ms = elapsed / 1_000_000;
        return new Result(finished ? process.exitValue() : -1, output.text(), !finished, ms, output.truncated());
    }

    private static void writeStdin(Process process, String stdin) {
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // The process exited without reading its input; its exit code tells the caller what went wrong.
        }
    }

    private static void drain(InputStream in, TailBuffer output) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                output.write(buffer, n);
            }
        } catch (IOException e) {
            // Stream closed because the process was killed; what was read so far is kept.
        }
    }

    /** Keeps the last {@code max} bytes written; the end of a test run's output is where the failure is. */
    private static final class TailBuffer {
        private final int max;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private boolean truncated;

        TailBuffer(int max) {
            this.max = max;
        }

        synchronized void write(byte[] buffer, int n) {
            bytes.write(buffer, 0, n);
            if (bytes.size() > 2 * max) {
                byte[] all = bytes.toByteArray();
                bytes.reset();
                bytes.write(all, all.length - max, max);
                truncated = true;
            }
        }

        synchronized String text() {
            byte[] all = bytes.toByteArray();
            if (all.length > max) {
                truncated = true;
                return new String(all, all.length - max, max, StandardCharsets.UTF_8);
            }
            return new String(all, StandardCharsets.UTF_8);
        }

        synchronized boolean truncated() {
            return truncated;
        }
    }
}
