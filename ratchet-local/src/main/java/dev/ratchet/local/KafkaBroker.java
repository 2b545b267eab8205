package dev.ratchet.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.Uuid;

import dev.ratchet.infra.KafkaBrokerSettings;
import dev.ratchet.infra.Ports;

/** A real single-node KRaft broker in a child JVM, started from the Kafka jars on the launcher's classpath. */
final class KafkaBroker {

    private KafkaBroker() {
    }

    static ChildProcess start(LocalLayout layout, Path runDir, int port, int controllerPort) {
        Path dir = runDir.resolve("kafka");
        Path properties = dir.resolve("server.properties");
        try {
            Files.createDirectories(dir);
            try (Writer out = Files.newBufferedWriter(properties)) {
                for (Map.Entry<String, String> e : KafkaBrokerSettings.serverProperties(port, controllerPort,
                        dir.resolve("data")).entrySet()) {
                    out.write(e.getKey() + "=" + e.getValue() + "\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + properties, e);
        }
        List<String> command = List.of(Java.executable(), "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", layout.launcherClasspath(),
                BrokerMain.class.getName(), properties.toString(), Uuid.randomUuid().toString(),
                Long.toString(ProcessHandle.current().pid()));
        ChildProcess broker = ChildProcess.start("kafka", command, dir, runDir.resolve("logs/kafka.log"));
        if (!Ports.awaitListening("127.0.0.1", port, Duration.ofSeconds(90)) || !broker.isAlive()) {
            broker.stop(1000);
            throw new IllegalStateException("the Kafka broker did not start; see " + broker.log());
        }
        return broker;
    }
}
