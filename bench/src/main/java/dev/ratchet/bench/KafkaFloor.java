package dev.ratchet.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ratchet.workspace.ProcessRunner;

/**
 * Kafka's own end-to-end latency on the same broker, measured with Kafka's tool
 * {@code org.apache.kafka.tools.EndToEndLatency} (1 KiB records, acks=all, send then poll, one at a time).
 */
public final class KafkaFloor {

    public record Percentiles(double p50, double p99, double p999, double average) {
    }

    private static final Pattern PERCENTILES = Pattern.compile("Percentiles: 50th = (\\d+), 99th = (\\d+), "
            + "99.9th = (\\d+)");
    private static final Pattern AVERAGE = Pattern.compile("Avg latency: ([0-9.]+) ms");

    private KafkaFloor() {
    }

    public static Percentiles measure(String bootstrapServers, String classpath, int messages, Path dir) {
        String topic = "ratchet.bench.floor." + System.currentTimeMillis();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classpath,
                "org.apache.kafka.tools.EndToEndLatency", bootstrapServers, topic, Integer.toString(messages), "all",
                "1024");
        ProcessRunner.Result result = ProcessRunner.run(command, dir, Duration.ofMinutes(5), null, 1 << 20);
        Matcher p = PERCENTILES.matcher(result.output());
        Matcher avg = AVERAGE.matcher(result.output());
        if (!result.ok() || !p.find() || !avg.find()) {
            throw new IllegalStateException("EndToEndLatency failed: " + result.output());
        }
        return new Percentiles(Double.parseDouble(p.group(1)), Double.parseDouble(p.group(2)),
                Double.parseDouble(p.group(3)), Double.parseDouble(avg.group(1)));
    }
}
