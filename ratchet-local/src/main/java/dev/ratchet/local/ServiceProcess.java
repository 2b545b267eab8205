package dev.ratchet.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Ratchet service as a separate JVM running its packaged Quarkus app, configured through system properties
 * (which take precedence over the app's own defaults and its %prod cluster addresses). Started again, it gets the
 * same port, properties and instance id.
 */
final class ServiceProcess extends ProcessPart {

    /**
     * Every service JVM: a small heap, the serial collector (one or two cores per service), and only the C1 JIT:
     * the services mostly wait on Kafka, Redis, git and the model, and on 2 cores C2's compile work cost more CPU
     * per step than its faster code saved (docs/BENCHMARKS.md). The same settings are in the Kubernetes manifests.
     */
    static final List<String> JVM_OPTIONS = List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError");
    /** A service's start-up is 3-10 s here; three minutes covers a first start on a loaded 2-core machine. */
    static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    /** Quarkus's own shutdown timeout is 10 s by default (in-flight records finish); then SIGKILL. */
    private static final long STOP_GRACE_MILLIS = 10_000;

    private final List<String> command;
    private final int port;
    private final ClusterDirs dirs;
    private volatile long startedNanos;
    private volatile double readySeconds = Double.NaN;

    private ServiceProcess(String name, List<String> command, int port, ClusterDirs dirs) {
        super(name, STOP_GRACE_MILLIS);
        this.command = command;
        this.port = port;
        this.dirs = dirs;
    }

    /** A service process, not started yet: {@link #spawn()} and {@link #awaitReady} start it. */
    static ServiceProcess of(LocalLayout layout, ClusterDirs dirs, String service, String name, int port,
            Map<String, String> properties) {
        Path jar = layout.serviceJar(service);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("missing " + jar + ": build the project first (./ratchet builds it)");
        }
        List<String> command = new ArrayList<>();
        command.add(Java.executable());
        command.addAll(jvmOptions());
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dratchet.instance-id=" + name);
        command.add("-Dratchet.local.parent-pid=" + ProcessHandle.current().pid());
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        return new ServiceProcess(name, List.copyOf(command), port, dirs);
    }

    static List<String> jvmOptions() {
        String override = System.getenv("RATCHET_SERVICE_JAVA_OPTS");
        return override == null || override.isBlank() ? JVM_OPTIONS : List.of(override.trim().split("\\s+"));
    }

    /** Starts the JVM without waiting for it, so that several services start at once. */
    void spawn() {
        startedNanos = System.nanoTime();
        readySeconds = Double.NaN;
        started(ChildProcess.start(name(), command, dirs.root(), dirs.log(name())));
    }

    @Override
    protected void launch() {
        spawn();
        awaitReady(READY_TIMEOUT);
    }

    @Override
    String address() {
        return url();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** From starting the JVM to the first UP readiness answer; NaN until then. */
    double readySeconds() {
        return readySeconds;
    }

    /** Waits for {@code /q/health/ready} (which includes Kafka and Redis) to answer UP. */
    void awaitReady(Duration timeout) {
        ChildProcess child = process();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                throw new IllegalStateException(name() + " exited with " + child.exitCode() + " while starting; see "
                        + child.log());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    readySeconds = (System.nanoTime() - startedNanos) / 1e9;
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name(), e);
            }
            sleep(20);
        }
        throw new IllegalStateException(name() + " was not ready within " + timeout + "; see " + child.log());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
