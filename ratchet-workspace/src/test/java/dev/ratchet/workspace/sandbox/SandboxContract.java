package dev.ratchet.workspace.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.ratchet.core.event.Check;
import dev.ratchet.workspace.Git;

/**
 * What every isolation must do, with real processes; one subclass per isolation. Every check asserts the isolation
 * it ran under. A subclass whose isolation does not work on this machine is skipped as a whole, saying why and how
 * to get it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SandboxContract {

    /** Small process and file limits so that the tests reach them quickly; the default memory limit (4 GiB). */
    static final SandboxLimits LIMITS = new SandboxLimits(SandboxLimits.DEFAULT_MEMORY_BYTES, 64, 1 << 20);
    static final String LOOP = "while :; do sleep 1; done";
    /**
     * Where the copies go: /tmp, which every user can reach (the build's own directory may sit under a 0700 home
     * when CI runs as root), and which bubblewrap and unshare hide behind the check's private /tmp.
     */
    static final Path SANDBOX_BASE = Path.of("/tmp");
    /** Under a minute even on a loaded shared machine; never a timing assertion, only a bound on waiting. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    SandboxRunner runner;
    /** Reachable by the check's user, so that only the sandbox, not file permissions, stops a write. */
    Path scratch;
    Path workspace;

    abstract Isolation isolation();

    /** What to install or change to get this isolation, for the message of a skipped test. */
    abstract String howToGetIt();

    @BeforeAll
    void startRunner() {
        runner = new SandboxRunner(SandboxConfig.defaults().withStrongest(isolation()).withLimits(LIMITS)
                .withBaseDir(SANDBOX_BASE));
        assumeTrue(runner.isolation() == isolation(), () -> isolation().label() + " is not usable here ("
                + runner.isolationNote() + "); " + howToGetIt());
    }

    @AfterAll
    void closeRunner() {
        if (runner != null) {
            runner.close();
        }
    }

    @BeforeEach
    void createWorkspace() throws IOException {
        scratch = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "sandbox-test-");
        Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxr-xr-x"));
        workspace = Files.createDirectory(scratch.resolve("repo"));
        Files.writeString(workspace.resolve("app.py"), "print('hi')\n");
        Git.run(workspace, "init", "-q");
        Git.run(workspace, "add", "-A");
        Git.run(workspace, "commit", "-q", "-m", "initial");
        Files.writeString(workspace.resolve("app.py"), "print('hello')\n");
    }

    @AfterEach
    void deleteScratch() {
        SandboxDir.delete(scratch);
    }

    SandboxResult check(String command, int timeoutSeconds) {
        return check(command, timeoutSeconds, System.getenv());
    }

    SandboxResult check(String command, int timeoutSeconds, Map<String, String> parentEnv) {
        SandboxResult result = runner.run(new Check("test", command, timeoutSeconds), workspace, parentEnv);
        assertThat(result.isolation()).as(result.isolationNote()).isEqualTo(isolation());
        return result;
    }

    static String marker() {
        return "ratchet-test-" + UUID.randomUUID();
    }

    static void awaitGone(String... markers) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (String marker : markers) {
                assertThat(ProcessTable.withArgument(marker)).as("processes marked " + marker).isEmpty();
            }
        });
    }

    @Test
    void checkRunsOnACopyWithUsableGitAndLeavesTheWorkspaceAlone() throws IOException {
        SandboxResult result = check("git status --porcelain; git log -1 --format=%s; echo changed > app.py;"
                + " git add -A && git -c user.name=t -c user.email=t@t commit -qm inside && echo committed", 60);

        assertThat(result.passed()).as(result.output()).isTrue();
        assertThat(result.output()).contains(" M app.py", "initial", "committed");
        assertThat(Files.readString(workspace.resolve("app.py"))).isEqualTo("print('hello')\n");
        assertThat(Git.run(workspace, "rev-list", "--count", "HEAD").strip()).isEqualTo("1");
    }

    @Test
    void checkRunsAsAnUnprivilegedUserWhenTheVerifierIsRoot() {
        assumeTrue(CheckUser.jvmIsRoot(), "the tests run as a normal user: there is no root to switch away from");

        SandboxResult result = check("id -u", 10);

        assertThat(result.output().strip()).isEqualTo(Integer.toString(SandboxConfig.NOBODY));
        assertThat(result.isolationNote()).contains("runs as uid 65534");
    }

    @Test
    void closingTheRunnerKillsARunningCheckWhichThenHasNoResult() throws Exception {
        SandboxRunner closing = new SandboxRunner(SandboxConfig.defaults().withStrongest(isolation())
                .withLimits(LIMITS).withBaseDir(SANDBOX_BASE));
        String child = marker();
        CompletableFuture<SandboxResult> running = CompletableFuture.supplyAsync(() -> closing.run(
                new Check("long", "sh -c '" + LOOP + "' " + child + "; echo never", 600), workspace, System.getenv()));
        await().atMost(PATIENCE).until(() -> !ProcessTable.withArgument(child).isEmpty());

        closing.close();

        assertThatThrownBy(() -> running.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                .hasCauseInstanceOf(SandboxClosedException.class)
                .hasMessageContaining("the sandbox was closed while check long ran");
        awaitGone(child);
        assertThatThrownBy(() -> closing.run(new Check("after", "true", 10), workspace))
                .isInstanceOf(SandboxClosedException.class);
    }

    @Test
    void filesGoIntoHomeBeforeAndComeBackFromItAfter() {
        SandboxResult result = runner.run(new Check("extras", "cat \"$HOME/in/given.txt\"; mkdir -p \"$HOME/out\";"
                + " echo made > \"$HOME/out/made.txt\"; ln -s /etc/passwd \"$HOME/out/link\"", 30), workspace,
                new CheckExtras(Map.of("in/given.txt", "given\n".getBytes()), "out", null));

        assertThat(result.passed()).as(result.output()).isTrue();
        assertThat(result.output()).isEqualTo("given\n");
        assertThat(result.collected()).containsOnlyKeys("made.txt");
        assertThat(new String(result.collected().get("made.txt"))).isEqualTo("made\n");
    }

    @Test
    void loopPastItsTimeoutIsKilledWithItsChildren() {
        String child = marker();

        SandboxResult result = check("sh -c '" + LOOP + "' " + child + " & echo started; while :; do :; done", 2);

        assertThat(result.timedOut()).isTrue();
        assertThat(result.exitCode()).isEqualTo(-1);
        assertThat(result.output()).contains("started");
        awaitGone(child);
    }

    @Test
    void backgroundProcessesEndWhenTheirCheckExits() {
        String background = marker();
        String newSession = marker();
        String doubleFork = marker();

        SandboxResult result = check(String.join("\n",
                "sh -c 'touch a; " + LOOP + "' " + background + " &",
                "setsid sh -c 'touch b; " + LOOP + "' " + newSession + " &",
                "(sh -c 'touch c; " + LOOP + "' " + doubleFork + " &)",
                "until [ -e a ] && [ -e b ] && [ -e c ]; do sleep 0.1; done",
                "echo all three running"), 60);

        assertThat(result.passed()).as(result.output()).isTrue();
        assertThat(result.output()).contains("all three running");
        awaitGone(background, newSession, doubleFork);
    }

    @Test
    void outputFloodKeepsHeadAndTailAroundAMarker() {
        SandboxResult result = check("echo BEGIN; head -c 10000000 /dev/zero | tr '\\0' x; echo; echo END", 60);

        long total = "BEGIN\n".length() + 10_000_000 + "\nEND\n".length();
        long omitted = total - SandboxConfig.DEFAULT_HEAD_BYTES - SandboxConfig.DEFAULT_TAIL_BYTES;
        String marker = OutputCapture.marker(omitted);
        assertThat(result.passed()).isTrue();
        assertThat(result.outputBytes()).isEqualTo(total);
        assertThat(result.output()).startsWith("BEGIN\nxxx").contains("x\n" + marker + "\nxxx").endsWith("x\nEND\n")
                .hasSize(SandboxConfig.DEFAULT_HEAD_BYTES + 1 + marker.length() + 1 + SandboxConfig.DEFAULT_TAIL_BYTES);
    }

    @Test
    void writesOutsideTheCopyFail() throws IOException {
        assumeTrue(isolation() != Isolation.NONE,
                "isolation none has no mount namespace; " + IsolationProbe.INSTALL_BUBBLEWRAP);
        Path outside = Files.createDirectory(scratch.resolve("outside"));
        // Visible inside the sandbox (not under /tmp) and open to every user: only the read-only mount stops it.
        Path shared = Files.createTempDirectory(Path.of("/var/tmp"), "ratchet-sandbox-test-");
        try {
            for (Path open : List.of(outside, workspace, shared)) {
                Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
            }
            Files.setPosixFilePermissions(workspace.resolve("app.py"), PosixFilePermissions.fromString("rw-rw-rw-"));

            SandboxResult result = check(String.join("; ", "echo pwned > " + workspace + "/pwned.txt",
                    "echo pwned >> " + workspace + "/app.py", "echo pwned > " + outside + "/pwned.txt",
                    "echo pwned > " + shared + "/pwned.txt", "echo pwned > /pwned.txt", "echo done"), 10);

            assertThat(result.output()).contains("done", "Read-only file system");
            assertThat(workspace.resolve("pwned.txt")).doesNotExist();
            assertThat(Files.readString(workspace.resolve("app.py"))).isEqualTo("print('hello')\n");
            assertThat(outside.resolve("pwned.txt")).doesNotExist();
            assertThat(shared).isEmptyDirectory();
            assertThat(Path.of("/pwned.txt")).doesNotExist();
        } finally {
            SandboxDir.delete(shared);
        }
    }

    @Test
    void connectionToALocalPortFails() throws IOException {
        assumeTrue(isolation() != Isolation.NONE,
                "isolation none has no network namespace; " + IsolationProbe.INSTALL_BUBBLEWRAP);
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            SandboxResult result = check("python3 -c \"import socket; socket.create_connection(('127.0.0.1', "
                    + server.getLocalPort() + "), timeout=5); print('connected')\"", 30);

            assertThat(result.passed()).isFalse();
            assertThat(result.output()).doesNotContain("connected")
                    .containsPattern("ConnectionRefusedError|Network is unreachable");
            server.setSoTimeout(200);
            assertThatThrownBy(server::accept).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void environmentHoldsTheAllowListAndNoSecrets() {
        Map<String, String> parent = new HashMap<>(System.getenv());
        parent.put("RATCHET_MODELS_EXECUTOR_API_KEY", "sk-secret-1");
        parent.put("RATCHET_REDIS_HOSTS", "redis://secret-2");
        parent.put("OPENAI_API_KEY", "sk-secret-3");
        parent.put("GITHUB_TOKEN", "ghp_secret4");
        parent.put("AWS_SECRET_ACCESS_KEY", "secret-5");
        parent.put("LANG", "C.UTF-8");

        SandboxResult result = check("env", 10, parent);

        assertThat(result.passed()).isTrue();
        assertThat(result.output()).doesNotContain("RATCHET_", "secret", "OPENAI", "GITHUB", "AWS")
                .contains("PATH=" + parent.get("PATH") + "\n", "LANG=C.UTF-8\n", "HOME=", "TMPDIR=");
        assertThat(result.output()).doesNotContain("HOME=" + System.getProperty("user.home") + "\n");
    }

    @Test
    void sixGibibyteAllocationIsStopped() {
        SandboxResult result = check("python3 -c 'b = bytearray(6 << 30); print(\"allocated\")'", 60);

        assertThat(result.passed()).isFalse();
        assertThat(result.output()).contains("MemoryError").doesNotContain("allocated");
    }

    @Test
    void processLimitStopsAForkBomb() throws IOException {
        int uid = checkUid();
        long before = ProcessTable.countOwnedBy(uid);

        SandboxResult result = check("i=0; while [ $i -lt 200 ]; do sleep 30 & i=$((i+1)); done; echo all started",
                60);

        assertThat(result.passed()).isFalse();
        assertThat(result.output()).containsIgnoringCase("fork").doesNotContain("all started");
        // Without a user namespace of its own (unshare as root, none) a check shares its user's process count with
        // every other process of that user, so the next test waits until the killed ones are reaped.
        await().atMost(PATIENCE).until(() -> ProcessTable.countOwnedBy(uid) <= before);
    }

    private static int checkUid() throws IOException {
        return CheckUser.jvmIsRoot() ? SandboxConfig.NOBODY
                : (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }

    @Test
    void fileSizeLimitStopsAHugeFile() {
        SandboxResult result = check("head -c 2000000 /dev/zero > big.bin", 30);

        assertThat(result.passed()).isFalse();
    }

    @Test
    void copyIsRemovedAfterTheCheck() {
        SandboxResult result = check("pwd; touch made-inside", 10);

        Path copy = Path.of(result.output().strip());
        assertThat(copy.getFileName().toString()).isEqualTo("work");
        // Removed by the runner's remover thread, after the result is back.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(copy.getParent()).doesNotExist());
        assertThat(workspace.resolve("made-inside")).doesNotExist();
    }

    @Test
    void gracefulJvmShutdownKillsTheCheckAndRemovesItsCopy() throws Exception {
        String background = marker();
        Path base = Files.createTempDirectory(SANDBOX_BASE, "ratchet-sandbox-test-");
        Process child = startChild(background, base);
        try {
            await().atMost(PATIENCE).until(() -> !ProcessTable.withArgument(background).isEmpty());

            child.destroy();

            awaitGone(background);
            assertThat(child.waitFor()).isNotZero();
            assertThat(base).isEmptyDirectory();
        } finally {
            child.destroyForcibly();
            SandboxDir.delete(base);
        }
    }

    @Test
    void killedJvmTakesTheCheckWithIt() throws Exception {
        assumeTrue(isolation() != Isolation.NONE, "isolation none has no pid namespace to end with the JVM; "
                + IsolationProbe.INSTALL_BUBBLEWRAP);
        String background = marker();
        Path base = Files.createTempDirectory(SANDBOX_BASE, "ratchet-sandbox-test-");
        try {
            Process child = startChild(background, base);
            await().atMost(PATIENCE).until(() -> !ProcessTable.withArgument(background).isEmpty());

            child.destroyForcibly();

            awaitGone(background);
        } finally {
            // A killed JVM cannot remove its copies; its processes are what must not survive.
            SandboxDir.delete(base);
        }
    }

    private Process startChild(String marker, Path base) throws IOException {
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SandboxChild.class.getName(),
                isolation().name(), workspace.toString(), SandboxChild.MARKER_PREFIX + marker, base.toString())
                .redirectErrorStream(true).redirectOutput(scratch.resolve("child.log").toFile()).start();
    }
}
