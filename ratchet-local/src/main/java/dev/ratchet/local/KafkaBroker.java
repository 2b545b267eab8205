package dev.ratchet.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

import dev.ratchet.infra.KafkaBrokerSettings;
import dev.ratchet.infra.ShareGroupsFeature;
import dev.ratchet.infra.Ports;

/**
 * A real single-node KRaft broker in a child JVM, started from the Kafka jars on the launcher's classpath. Its log
 * directory and KRaft cluster id live in {@code kafka/} of the cluster's state directory, so a restart, and the
 * next run, find their topics, records and committed offsets again.
 */
final class KafkaBroker extends ProcessPart {

    /** A controlled shutdown of one node with a few dozen partitions takes 1-3 s; past 30 s it is stuck. */
    private static final long STOP_GRACE_MILLIS = 30_000;
    /** After a kill -9 the broker recovers its logs before serving; 90 s covers that on a slow disk. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final LocalLayout layout;
    private final ClusterDirs dirs;
    private final int port;
    private final int controllerPort;

    KafkaBroker(LocalLayout layout, ClusterDirs dirs, int port, int controllerPort) {
        super("kafka", STOP_GRACE_MILLIS);
        this.layout = layout;
        this.dirs = dirs;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    @Override
    protected void launch() {
        Path properties = writeProperties();
        List<String> command = List.of(Java.executable(), "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", layout.launcherClasspath(),
                BrokerMain.class.getName(), properties.toString(), clusterId(),
                Long.toString(ProcessHandle.current().pid()));
        ChildProcess broker = ChildProcess.start(name(), command, dirs.kafka(), dirs.log(name()));
        started(broker);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        if (!Ports.awaitListening("127.0.0.1", port, START_TIMEOUT) || !broker.isAlive()
                || !answers(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
            broker.stop(1000);
            throw new IllegalStateException("the Kafka broker did not start; see " + broker.log());
        }
        enableShareGroups(broker);
    }

    /** A data directory formatted by an earlier release has share groups off: the executors' input needs them. */
    private void enableShareGroups(ChildProcess broker) {
        try {
            if (ShareGroupsFeature.ensure(address(), Duration.ofSeconds(30))) {
                System.err.println("share groups turned on for the Kafka data directory " + dirs.kafka()
                        + " (formatted before Kafka 4.2)");
            }
        } catch (ExecutionException | TimeoutException e) {
            broker.stop(1000);
            throw new IllegalStateException("cannot turn share groups on in the Kafka broker: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while turning share groups on", e);
        }
    }

    private Path writeProperties() {
        Path properties = dirs.kafka().resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(properties)) {
            for (Map.Entry<String, String> e : KafkaBrokerSettings.serverProperties(port, controllerPort,
                    dirs.kafka().resolve("data")).entrySet()) {
                out.write(e.getKey() + "=" + e.getValue() + "\n");
            }
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + properties, e);
        }
    }

    private String clusterId() {
        return clusterId(dirs.kafka());
    }

    /**
     * The KRaft cluster id the log directory was formatted with, because a broker refuses to start on a log
     * directory formatted for another id: the id its {@code meta.properties} names once it is formatted, else the one
     * in {@code cluster-id}, else a new one, kept in {@code cluster-id} for the first format. The log directory wins
     * over the file, so a state directory whose file was lost or left by an older build keeps its topics and offsets.
     */
    static String clusterId(Path kafkaDir) {
        Path file = kafkaDir.resolve("cluster-id");
        try {
            Optional<String> formatted = formattedId(kafkaDir.resolve("data").resolve("meta.properties"));
            String id;
            if (formatted.isPresent()) {
                id = formatted.get();
            } else if (Files.isRegularFile(file)) {
                id = Files.readString(file).strip();
                Uuid.fromString(id);
            } else {
                id = Uuid.randomUuid().toString();
            }
            if (!Files.isRegularFile(file) || !Files.readString(file).strip().equals(id)) {
                Files.writeString(file, id + "\n");
            }
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " does not hold a KRaft cluster id; start with --fresh", e);
        }
    }

    private static Optional<String> formattedId(Path metaProperties) throws IOException {
        if (!Files.isRegularFile(metaProperties)) {
            return Optional.empty();
        }
        Properties meta = new Properties();
        try (Reader in = Files.newBufferedReader(metaProperties)) {
            meta.load(in);
        }
        String id = meta.getProperty("cluster.id");
        if (id != null) {
            Uuid.fromString(id);
        }
        return Optional.ofNullable(id);
    }

    /** True once the broker answers a metadata request: listening alone can precede loading the logs. */
    private boolean answers(Duration timeout) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", address(), "request.timeout.ms", 5000,
                "default.api.timeout.ms", (int) Math.max(5000, timeout.toMillis())))) {
            return !admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    String address() {
        return "127.0.0.1:" + port;
    }
}
