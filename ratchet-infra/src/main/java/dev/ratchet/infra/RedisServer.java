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
 * A real redis-server process on loopback, without persistence. When {@code watchPid} is given, a small shell
 * wrapper stops the server if that process dies, so a killed launcher leaves no Redis behind.
 */
public final class RedisServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path binary;

    private RedisServer(Process process, int port, Path binary) {
        this.process = process;
        this.port = port;
        this.binary = binary;
    }

    public static RedisServer start(int port, Path workDir, Path logFile, OptionalLong watchPid) {
        Path binary = RedisBinary.locate(workDir.resolve("bin"));
        List<String> server = List.of(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", workDir.toString());
        List<String> command = watchPid.isPresent() ? watched(server, watchPid.getAsLong()) : server;
        try {
            Files.createDirectories(workDir);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
            RedisServer redis = new RedisServer(process, port, binary);
            redis.awaitPong(Duration.ofSeconds(20));
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
    }

    private static List<String> watched(List<String> server, long pid) {
        StringBuilder quoted = new StringBuilder();
        for (String arg : server) {
            quoted.append('\'').append(arg.replace("'", "'\\''")).append("' ");
        }
        String script = quoted + "& R=$!; trap 'kill $R 2>/dev/null; exit 0' TERM INT; "
                + "while kill -0 " + pid + " 2>/dev/null && kill -0 $R 2>/dev/null; do sleep 1; done; "
                + "kill $R 2>/dev/null; wait $R";
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
                        + port);
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
        close();
        throw new IllegalStateException("redis-server did not answer PING on port " + port + " within " + timeout);
    }

    /** Sends one inline command and returns the first reply line, or null when the server does not answer. */
    String command(String inline) {
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

    @Override
    public void close() {
        command("SHUTDOWN NOSAVE");
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
