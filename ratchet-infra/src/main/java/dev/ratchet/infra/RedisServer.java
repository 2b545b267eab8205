package dev.ratchet.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server process on loopback. When {@code watchPid} is given, a small shell wrapper stops the server
 * (SIGTERM, which Redis answers like SHUTDOWN) if that process dies, so a killed launcher leaves no Redis behind.
 */
public final class RedisServer implements AutoCloseable {

    /** What Redis keeps on disk, in its working directory. */
    public enum Persistence {
        /** Nothing: tests, where every run starts empty and fsyncs would only cost time. */
        NONE(List.of("--save", "", "--appendonly", "no")),
        /**
         * Every write appended to the AOF, fsynced once a second: a kill -9 of Redis or a power loss loses at most
         * about one second of writes; a SHUTDOWN or SIGTERM loses none (it fsyncs first). RDB snapshots stay off,
         * the AOF is the one copy.
         */
        APPEND_ONLY(List.of("--save", "", "--appendonly", "yes", "--appendfsync", "everysec"));

        private final List<String> arguments;

        Persistence(List<String> arguments) {
            this.arguments = arguments;
        }
    }

    /**
     * Loading a large AOF happens before Redis answers PING; 60 s covers a few hundred MB on a slow disk.
     */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path binary;
    private final Path workDir;
    private final Path logFile;
    private final OptionalLong watchPid;
    private final Persistence persistence;

    private RedisServer(Process process, int port, Path binary, Path workDir, Path logFile, OptionalLong watchPid,
            Persistence persistence) {
        this.process = process;
        this.port = port;
        this.binary = binary;
        this.workDir = workDir;
        this.logFile = logFile;
        this.watchPid = watchPid;
        this.persistence = persistence;
    }

    /** Starts redis-server with its data in {@code workDir} and waits until it answers PING. */
    public static RedisServer start(int port, Path workDir, Path logFile, OptionalLong watchPid,
            Persistence persistence) {
        Path binary = RedisBinary.locate(workDir.resolve("bin"));
        List<String> server = new ArrayList<>(List.of(binary.toString(), "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--daemonize", "no", "--dir", workDir.toString()));
        server.addAll(persistence.arguments);
        List<String> command = watchPid.isPresent() ? watched(server, watchPid.getAsLong()) : server;
        try {
            Files.createDirectories(workDir);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
            RedisServer redis = new RedisServer(process, port, binary, workDir, logFile, watchPid, persistence);
            redis.awaitPong(START_TIMEOUT);
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
    }

    /** A new redis-server with this one's port, directory, log, watched pid and persistence; stop this one first. */
    public RedisServer startAgain() {
        if (isAlive()) {
            throw new IllegalStateException("redis-server on port " + port + " is still running");
        }
        return start(port, workDir, logFile, watchPid, persistence);
    }

    private static List<String> watched(List<String> server, long pid) {
        StringBuilder quoted = new StringBuilder();
        for (String arg : server) {
            quoted.append('\'').append(arg.replace("'", "'\\''")).append("' ");
        }
        // The shell waits on redis-server itself, so it exits the moment Redis does (a SHUTDOWN is seen at once);
        // a background loop checks the watched pid once a second.
        String script = quoted + "& R=$!; "
                + "(while kill -0 " + pid + " 2>/dev/null; do sleep 1; done; kill $R 2>/dev/null) & W=$!; "
                + "trap 'kill $R $W 2>/dev/null; wait $R; exit 0' TERM INT; "
                + "wait $R; S=$?; kill $W 2>/dev/null; exit $S";
        return new ArrayList<>(List.of("sh", "-c", script));
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public Path binary() {
        return binary;
    }

    public Path workDir() {
        return workDir;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    private void awaitPong(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + " on port "
                        + port + "; see " + logFile);
            }
            if ("+PONG".equals(command("PING"))) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for redis-server", e);
            }
        }
        kill();
        throw new IllegalStateException("redis-server did not answer PING on port " + port + " within " + timeout
                + "; see " + logFile);
    }

    /** Sends one inline command and returns the first reply line, or null when the server does not answer. */
    public String command(String inline) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\r') {
                line.append((char) c);
            }
            return line.toString();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * SHUTDOWN: Redis fsyncs the AOF (when it has one) and exits; forced after 10 s, which only a disk that stopped
     * answering would need.
     */
    public void stop() {
        command("SHUTDOWN");
        awaitExit(10);
    }

    /** SIGKILL of redis-server and its wrapper, as a crash would: writes of the last second may be lost. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        awaitExit(5);
    }

    private void awaitExit(int seconds) {
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
