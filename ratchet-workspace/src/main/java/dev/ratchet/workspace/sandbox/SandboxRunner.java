package dev.ratchet.workspace.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.timing.PhaseClock;

/**
 * Runs checks in throwaway copies of a workspace, each in its own session under the strongest isolation that works
 * here (chosen once, when the runner is made), with a scrubbed environment, resource limits and bounded output.
 * Nothing a check starts outlives it: not at its exit, not at its timeout, not when this runner closes or the JVM
 * shuts down; a check ended by {@link #close()} throws {@link SandboxClosedException} rather than return a result
 * its killing made up. A check's copy is removed by a background thread once its result is back (it is no part of
 * the result), and whatever is left goes with the runner's directory when it closes. Thread-safe; checks may run
 * concurrently.
 */
public final class SandboxRunner implements CheckRunner, AutoCloseable {

    private static final Check PROBE = new Check("sandbox-probe", "echo sandbox-ok", 30);
    private static final int MAX_REASON = 300;
    /** What a check may hand back ({@link CheckExtras#collect()}): a screenshot is 0.1 to 2 MiB. */
    private static final long MAX_COLLECTED_FILE_BYTES = 8L << 20;
    private static final long MAX_COLLECTED_BYTES = 32L << 20;
    private static final int PENDING_REMOVALS = 16;

    private final SandboxConfig config;
    private final Path base;
    private final Optional<CheckUser> user;
    private final Tools tools;
    private final IsolationProbe.Decision decision;
    private final Set<Running> live = ConcurrentHashMap.newKeySet();
    private final Thread shutdownHook = new Thread(this::shutdown, "sandbox-shutdown");
    /**
     * Removes each check's copy after its result is back: {@code rm -rf} of a copy took 110-130 ms of every verdict on
     * the shared 2-core machine, for nothing the verdict needs. One thread, at most {@value #PENDING_REMOVALS} copies
     * waiting; past that a check removes its own copy, so copies cannot pile up on disk faster than they go.
     */
    private final ThreadPoolExecutor remover = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(PENDING_REMOVALS), runnable -> {
                Thread thread = new Thread(runnable, "sandbox-remover");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.CallerRunsPolicy());
    private volatile boolean closed;

    /** A started check and its directory, so that a shutdown can end both. */
    private record Running(SandboxProcess process, SandboxDir dir) {
    }

    public SandboxRunner(SandboxConfig config) {
        this.config = config;
        this.user = CheckUser.of(config);
        this.tools = Tools.find();
        this.base = createBase(config.baseDir());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        Optional<Path> blocked = user.flatMap(u -> u.blockedOnTheWayTo(base));
        if (blocked.isPresent()) {
            close();
            throw new IllegalStateException("checks run as uid " + user.get().uid() + ", which cannot pass through "
                    + blocked.get() + " to reach the sandbox directory; choose a base directory it can reach, such"
                    + " as /tmp or /var/tmp");
        }
        Path empty = base.resolve("probe-workspace");
        try {
            Files.createDirectory(empty);
            this.decision = IsolationProbe.decide(config, tools, user, CheckUser.jvmIsRoot(),
                    launcher -> probe(launcher, empty));
            Files.delete(empty);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot probe the sandbox in " + base, e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The isolation every check of this runner gets. */
    public Isolation isolation() {
        return decision.launcher().isolation();
    }

    /** Why no stronger isolation is used, and what this one lacks. */
    public String isolationNote() {
        return decision.note();
    }

    /** Runs {@code check} on a copy of {@code workspace} with an environment drawn from the JVM's own. */
    public SandboxResult run(Check check, Path workspace) {
        return run(check, workspace, System.getenv());
    }

    /**
     * Runs {@code check} on a copy of {@code workspace}. Only PATH, LANG, LC_ALL and the configured names are taken
     * from {@code parentEnv}; never {@code RATCHET_*} or anything named like a secret.
     *
     * @throws UncheckedIOException when the copy cannot be made (a machine problem, not a failed check)
     */
    public SandboxResult run(Check check, Path workspace, Map<String, String> parentEnv) {
        return execute(decision.launcher(), check, workspace, parentEnv, decision.note(), CheckExtras.NONE);
    }

    /**
     * Runs {@code check} on a copy of {@code workspace} with the JVM's environment; a local check ends at its timeout
     * (the caller stops between checks), so {@code context} names nothing here.
     */
    @Override
    public SandboxResult run(Check check, Path workspace, CheckContext context) {
        return run(check, workspace);
    }

    /** Runs {@code check} on a copy of {@code workspace} with the JVM's environment and {@code extras}. */
    public SandboxResult run(Check check, Path workspace, CheckExtras extras) {
        return execute(decision.launcher(), check, workspace, System.getenv(), decision.note(), extras);
    }

    /**
     * What a check's result depends on besides its tree and command: the variables a check gets from the JVM's
     * environment (without HOME and TMPDIR, which are each check's own directories), the isolation and the limits.
     * The verification cache keys on it, so a result is reused only where a check would see the same.
     */
    @Override
    public String environmentFingerprint() {
        Map<String, String> env = new TreeMap<>(CheckEnvironment.of(System.getenv(), config.passEnv(), "", ""));
        env.remove("HOME");
        env.remove("TMPDIR");
        StringBuilder text = new StringBuilder();
        env.forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        return text.append("isolation=").append(isolation().label()).append("\nlimits=").append(config.limits())
                .append(CheckUser.of(config).map(u -> "\nuser=" + u.owner()).orElse("")).toString();
    }

    /** The runner's limits, for a caller that needs other ones for some checks ({@link CheckExtras#limits()}). */
    public SandboxLimits limits() {
        return config.limits();
    }

    /** Kills every running check and removes the runner's directory. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down; the hook runs anyway.
        }
        shutdown();
    }

    private SandboxResult execute(Launcher launcher, Check check, Path workspace, Map<String, String> parentEnv,
            String note, CheckExtras extras) {
        if (closed) {
            throw new SandboxClosedException("the sandbox is closed; check " + check.name() + " was not run");
        }
        long copyStart = System.nanoTime();
        SandboxDir dir = SandboxDir.copyOf(workspace, base, user, extras.homeFiles());
        long copyMs = (System.nanoTime() - copyStart) / 1_000_000;
        PhaseClock.lap("sandbox-copy");
        try {
            return executeIn(dir, copyMs, launcher, check, parentEnv, note, extras);
        } finally {
            removeLater(dir);
            PhaseClock.lap("sandbox-remove");
        }
    }

    /** Hands a finished check's copy to the remover; every process the check started has ended by now. */
    private void removeLater(SandboxDir dir) {
        if (closed) {
            dir.close();
            return;
        }
        try {
            remover.execute(dir::close);
        } catch (RejectedExecutionException e) {
            // Closed meanwhile: remove it here (close() removes the whole base as well).
            dir.close();
        }
    }

    private SandboxResult executeIn(SandboxDir dir, long copyMs, Launcher launcher, Check check,
            Map<String, String> parentEnv, String note, CheckExtras extras) {
        String id = UUID.randomUUID().toString();
        Map<String, String> env = CheckEnvironment.of(parentEnv, config.passEnv(), dir.home().toString(),
                launcher.tmpDir(dir));
        env.putAll(launcher.marker(id));
        SandboxLimits limits = extras.limits() == null ? config.limits() : extras.limits();
        List<String> command = new ArrayList<>(limits.prlimit(check.timeoutSeconds()));
        command.addAll(List.of(tools.sh().toString(), "-c", check.command()));
        OutputCapture output = new OutputCapture(config.headBytes(), config.tailBytes());
        SandboxProcess process = SandboxProcess.start(launcher.command(dir, command), dir.work(), env, output,
                () -> launcher.killLeftovers(id));
        Running running = new Running(process, dir);
        live.add(running);
        try {
            boolean finished = process.await(Duration.ofSeconds(Math.max(1, check.timeoutSeconds())));
            if (!finished) {
                process.kill();
            }
            process.finish();
            PhaseClock.lap("check-run");
            if (closed) {
                // Killed by close(): its exit status says nothing about the check.
                throw new SandboxClosedException("the sandbox was closed while check " + check.name() + " ran");
            }
            Map<String, byte[]> collected = extras.collect() == null ? Map.of()
                    : dir.collect(extras.collect(), MAX_COLLECTED_FILE_BYTES, MAX_COLLECTED_BYTES);
            return new SandboxResult(check.name(), check.command(), finished ? process.exitCode() : -1,
                    !finished, process.elapsedMs(), copyMs, output.text(), output.totalBytes(),
                    launcher.isolation(), note, collected);
        } catch (InterruptedException e) {
            process.kill();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running check " + check.name(), e);
        } finally {
            live.remove(running);
        }
    }

    private Optional<String> probe(Launcher launcher, Path empty) {
        try {
            SandboxResult result = execute(launcher, PROBE, empty, System.getenv(), "probe", CheckExtras.NONE);
            if (result.passed() && result.output().contains("sandbox-ok")) {
                return Optional.empty();
            }
            String said = result.output().strip();
            return Optional.of((result.timedOut() ? "timed out" : "exit " + result.exitCode())
                    + (said.isEmpty() ? "" : ": " + said.substring(0, Math.min(said.length(), MAX_REASON))));
        } catch (RuntimeException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    private void shutdown() {
        closed = true;
        remover.shutdownNow();
        for (Running running : live) {
            running.process().kill();
            running.dir().close();
        }
        SandboxDir.delete(base);
    }

    private static Path createBase(Path parent) {
        try {
            Files.createDirectories(parent);
            Path base = Files.createTempDirectory(parent, "ratchet-checks-");
            // Traversable, not listable: the check's user must reach its own copy, never see the others.
            Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx--x--x"));
            return base;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a sandbox directory under " + parent, e);
        }
    }
}
