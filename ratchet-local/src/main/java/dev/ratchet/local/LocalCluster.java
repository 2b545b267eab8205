package dev.ratchet.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import dev.ratchet.infra.Ports;
import dev.ratchet.infra.RedisServer;
import dev.ratchet.simulator.Scenario;
import dev.ratchet.simulator.SimulatedModelServer;
import dev.ratchet.simulator.SimulatorConfig;

/**
 * The whole of Ratchet on one machine: a real KRaft Kafka broker and a real redis-server, the SIMULATED model
 * server (unless real model endpoints are configured), and the four services as separate JVMs, executors as a
 * consumer group of {@code executors} processes.
 */
public final class LocalCluster implements AutoCloseable {

    /** The demo's scripted scenario; the simulator answers any other session with a one-step simulated plan. */
    public static final String SCENARIO = "scenarios/textstats-demo.json";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    public record Options(int executors, double tokensPerSecond, Duration timeToFirstToken) {

        public static Options defaults() {
            return new Options(1, SimulatorConfig.DEFAULT_TOKENS_PER_SECOND,
                    SimulatorConfig.DEFAULT_TIME_TO_FIRST_TOKEN);
        }

        public Options withExecutors(int n) {
            return new Options(n, tokensPerSecond, timeToFirstToken);
        }
    }

    private final Path runDir;
    private final Map<String, String> addresses = new LinkedHashMap<>();
    private final List<ServiceProcess> services = new ArrayList<>();
    private ChildProcess kafka;
    private RedisServer redis;
    private SimulatedModelServer simulator;
    private volatile boolean closed;

    private LocalCluster(Path runDir) {
        this.runDir = runDir;
    }

    public static LocalCluster start(LocalLayout layout, Options options, Consumer<String> out) {
        LocalCluster cluster = new LocalCluster(layout.newRunDir("local"));
        try {
            cluster.startInfrastructure(layout, options);
            cluster.startServices(layout, options);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        cluster.addresses.forEach((name, address) -> out.accept(name + ": " + address));
        out.accept("logs: " + cluster.runDir.resolve("logs"));
        return cluster;
    }

    private void startInfrastructure(LocalLayout layout, Options options) {
        int kafkaPort = Ports.preferred(9092);
        int controllerPort = Ports.preferred(9093);
        CompletableFuture<ChildProcess> broker = CompletableFuture.supplyAsync(
                () -> KafkaBroker.start(layout, runDir, kafkaPort, controllerPort));
        CompletableFuture<RedisServer> store = CompletableFuture.supplyAsync(() -> RedisServer.start(
                Ports.preferred(6379), runDir.resolve("redis"), runDir.resolve("logs/redis.log"),
                OptionalLong.of(ProcessHandle.current().pid())));
        ModelEndpoints models = ModelEndpoints.fromEnvironment();
        if (models.needsSimulator()) {
            simulator = startSimulator(layout, options);
        }
        kafka = join(broker);
        redis = join(store);
        addresses.put("kafka", "127.0.0.1:" + kafkaPort);
        addresses.put("redis", redis.url());
        models.describe(simulator == null ? null : simulator.baseUrl().toString()).forEach(addresses::put);
    }

    private SimulatedModelServer startSimulator(LocalLayout layout, Options options) {
        try {
            return SimulatedModelServer.start(SimulatorConfig.defaults(Scenario.load(layout.examples()
                    .resolve(SCENARIO))).withPort(Ports.preferred(8090)).withTokensPerSecond(options.tokensPerSecond())
                    .withTimeToFirstToken(options.timeToFirstToken()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the simulated model server", e);
        }
    }

    private void startServices(LocalLayout layout, Options options) {
        Map<String, String> common = new HashMap<>();
        common.put("kafka.bootstrap.servers", addresses.get("kafka"));
        common.put("quarkus.redis.hosts", redis.url());
        common.put("ratchet.work-dir", runDir.resolve("work").toString());
        if (simulator != null) {
            ModelEndpoints.fromEnvironment().simulatedRoles().forEach(role ->
                    common.put("ratchet.models." + role + ".base-url", simulator.baseUrl().toString()));
        }
        services.add(ServiceProcess.start(layout, runDir, "planner-service", "planner-service",
                Ports.preferred(8080), common));
        for (int i = 1; i <= options.executors(); i++) {
            services.add(ServiceProcess.start(layout, runDir, "executor-service", "executor-" + i,
                    Ports.preferred(i == 1 ? 8081 : 8100 + i), common));
        }
        services.add(ServiceProcess.start(layout, runDir, "verifier-service", "verifier-service",
                Ports.preferred(8082), common));
        services.add(ServiceProcess.start(layout, runDir, "skills-registry", "skills-registry",
                Ports.preferred(8083), common));
        List<CompletableFuture<Void>> ready = services.stream()
                .map(s -> CompletableFuture.runAsync(() -> s.awaitReady(READY_TIMEOUT))).toList();
        ready.forEach(LocalCluster::join);
        services.forEach(s -> addresses.put(s.name(), s.url()));
    }

    public String plannerUrl() {
        return addresses.get("planner-service");
    }

    public String skillsUrl() {
        return addresses.get("skills-registry");
    }

    public String kafkaBootstrapServers() {
        return addresses.get("kafka");
    }

    public String redisUrl() {
        return redis.url();
    }

    public Map<String, String> addresses() {
        return Map.copyOf(addresses);
    }

    public Path runDir() {
        return runDir;
    }

    /** Pids of the service JVMs by name, for measurements. */
    public Map<String, Long> servicePids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        services.forEach(s -> pids.put(s.name(), s.process().pid()));
        return pids;
    }

    /** Kills an executor process outright (SIGKILL), as a crash would. */
    public void killExecutor(int number) {
        service("executor-" + number).orElseThrow().process().kill();
    }

    /** Service processes that died without being asked to stop. */
    public List<String> unexpectedDeaths() {
        return services.stream().map(ServiceProcess::process).filter(ChildProcess::diedUnexpectedly)
                .map(p -> p.name() + " exited with " + p.exitCode() + " (log: " + p.log() + ")").toList();
    }

    public boolean isClosed() {
        return closed;
    }

    private Optional<ServiceProcess> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<CompletableFuture<Void>> stopping = services.stream()
                .map(s -> CompletableFuture.runAsync(() -> s.process().stop(10_000))).toList();
        stopping.forEach(CompletableFuture::join);
        if (kafka != null) {
            kafka.stop(15_000);
        }
        if (redis != null) {
            redis.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
