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

    /**
     * @param executorConcurrency steps in flight per executor process
     * @param scenario the simulated model's scenario file; null for the demo's
     * @param properties more system properties for every service
     * @param sequentialStart start the services one after another (to measure each one's start-up alone)
     */
    public record Options(int executors, int executorConcurrency, double tokensPerSecond,
            Duration timeToFirstToken, Path scenario, Map<String, String> properties, boolean sequentialStart) {

        public static Options defaults() {
            return new Options(1, 4, SimulatorConfig.DEFAULT_TOKENS_PER_SECOND,
                    SimulatorConfig.DEFAULT_TIME_TO_FIRST_TOKEN, null, Map.of(), false);
        }

        public Options withExecutors(int n) {
            return new Options(n, executorConcurrency, tokensPerSecond, timeToFirstToken, scenario, properties,
                    sequentialStart);
        }

        public Options withExecutorConcurrency(int n) {
            return new Options(executors, n, tokensPerSecond, timeToFirstToken, scenario, properties,
                    sequentialStart);
        }

        public Options withScenario(Path file) {
            return new Options(executors, executorConcurrency, tokensPerSecond, timeToFirstToken, file, properties,
                    sequentialStart);
        }

        public Options withProperties(Map<String, String> more) {
            return new Options(executors, executorConcurrency, tokensPerSecond, timeToFirstToken, scenario,
                    Map.copyOf(more), sequentialStart);
        }

        public Options withSequentialStart(boolean sequential) {
            return new Options(executors, executorConcurrency, tokensPerSecond, timeToFirstToken, scenario,
                    properties, sequential);
        }
    }

    private final Path runDir;
    private final LocalLayout layout;
    private final Options options;
    private final Map<String, String> addresses = new LinkedHashMap<>();
    private final Map<String, String> serviceProperties = new HashMap<>();
    private final List<ServiceProcess> services = new ArrayList<>();
    private ChildProcess kafka;
    private RedisServer redis;
    private SimulatedModelServer simulator;
    private volatile boolean closed;

    private LocalCluster(LocalLayout layout, Options options, Path runDir) {
        this.layout = layout;
        this.options = options;
        this.runDir = runDir;
    }

    public static LocalCluster start(LocalLayout layout, Options options, Consumer<String> out) {
        LocalCluster cluster = new LocalCluster(layout, options, layout.newRunDir("local"));
        try {
            cluster.startInfrastructure();
            cluster.startServices();
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        cluster.addresses.forEach((name, address) -> out.accept(name + ": " + address));
        out.accept("logs: " + cluster.runDir.resolve("logs"));
        return cluster;
    }

    private void startInfrastructure() {
        int kafkaPort = Ports.preferred(9092);
        int controllerPort = Ports.preferred(9093);
        CompletableFuture<ChildProcess> broker = CompletableFuture.supplyAsync(
                () -> KafkaBroker.start(layout, runDir, kafkaPort, controllerPort));
        CompletableFuture<RedisServer> store = CompletableFuture.supplyAsync(() -> RedisServer.start(
                Ports.preferred(6379), runDir.resolve("redis"), runDir.resolve("logs/redis.log"),
                OptionalLong.of(ProcessHandle.current().pid())));
        ModelEndpoints models = ModelEndpoints.fromEnvironment();
        if (models.needsSimulator()) {
            simulator = startSimulator();
        }
        kafka = join(broker);
        redis = join(store);
        addresses.put("kafka", "127.0.0.1:" + kafkaPort);
        addresses.put("redis", redis.url());
        models.describe(simulator == null ? null : simulator.baseUrl().toString()).forEach(addresses::put);
    }

    private SimulatedModelServer startSimulator() {
        Path scenario = options.scenario() != null ? options.scenario() : layout.examples().resolve(SCENARIO);
        try {
            return SimulatedModelServer.start(SimulatorConfig.defaults(Scenario.load(scenario))
                    .withPort(Ports.preferred(8090)).withTokensPerSecond(options.tokensPerSecond())
                    .withTimeToFirstToken(options.timeToFirstToken()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the simulated model server", e);
        }
    }

    private void startServices() {
        serviceProperties.put("kafka.bootstrap.servers", addresses.get("kafka"));
        serviceProperties.put("quarkus.redis.hosts", redis.url());
        serviceProperties.put("ratchet.work-dir", runDir.resolve("work").toString());
        serviceProperties.put("smallrye.messaging.worker.executor-steps.max-concurrency",
                Integer.toString(options.executorConcurrency()));
        if (simulator != null) {
            ModelEndpoints.fromEnvironment().simulatedRoles().forEach(role -> serviceProperties.put(
                    "ratchet.models." + role + ".base-url", simulator.baseUrl().toString()));
        }
        serviceProperties.putAll(options.properties());
        List<ServiceProcess> started = new ArrayList<>();
        started.add(service("planner-service", "planner-service", 8080));
        for (int i = 1; i <= options.executors(); i++) {
            started.add(service("executor-service", "executor-" + i, executorPort(i)));
        }
        started.add(service("verifier-service", "verifier-service", 8082));
        started.add(service("skills-registry", "skills-registry", 8083));
        if (!options.sequentialStart()) {
            awaitReady(started);
        }
        started.forEach(s -> addresses.put(s.name(), s.url()));
    }

    /** Starts one service; with a sequential start, waits until it is ready before the next one starts. */
    private ServiceProcess service(String service, String name, int preferredPort) {
        ServiceProcess process = ServiceProcess.start(layout, runDir, service, name, Ports.preferred(preferredPort),
                serviceProperties);
        services.add(process);
        if (options.sequentialStart()) {
            process.awaitReady(READY_TIMEOUT);
        }
        return process;
    }

    private static int executorPort(int number) {
        return number == 1 ? 8081 : 8100 + number;
    }

    private static void awaitReady(List<ServiceProcess> processes) {
        processes.stream().map(s -> CompletableFuture.runAsync(() -> s.awaitReady(READY_TIMEOUT))).toList()
                .forEach(LocalCluster::join);
    }

    /**
     * Starts or stops executor processes until {@code count} run. Stopped executors leave the consumer group
     * cleanly, so their partitions move to the others at once.
     */
    public synchronized void scaleExecutors(int count) {
        scaleExecutors(count, options.executorConcurrency());
    }

    /** As {@link #scaleExecutors(int)}, restarting every executor when the steps in flight per process change. */
    public synchronized void scaleExecutors(int count, int concurrency) {
        String key = "smallrye.messaging.worker.executor-steps.max-concurrency";
        if (!Integer.toString(concurrency).equals(serviceProperties.get(key))) {
            scaleExecutors0(0);
            serviceProperties.put(key, Integer.toString(concurrency));
        }
        scaleExecutors0(count);
    }

    private void scaleExecutors0(int count) {
        List<ServiceProcess> running = executors();
        for (int i = running.size() - 1; i >= count; i--) {
            ServiceProcess executor = running.get(i);
            executor.process().stop(10_000);
            services.remove(executor);
            addresses.remove(executor.name());
        }
        List<ServiceProcess> added = new ArrayList<>();
        for (int i = running.size() + 1; i <= count; i++) {
            ServiceProcess executor = ServiceProcess.start(layout, runDir, "executor-service", "executor-" + i,
                    Ports.preferred(executorPort(i)), serviceProperties);
            services.add(executor);
            added.add(executor);
        }
        awaitReady(added);
        added.forEach(s -> addresses.put(s.name(), s.url()));
    }

    private List<ServiceProcess> executors() {
        return services.stream().filter(s -> s.name().startsWith("executor-")).toList();
    }

    /** The simulated model server's base URL, when the cluster runs one. */
    public Optional<java.net.URI> simulatorUrl() {
        return simulator == null ? Optional.empty() : Optional.of(simulator.baseUrl());
    }

    /** The JVM options every service process runs with. */
    public static List<String> serviceJvmOptions() {
        return ServiceProcess.jvmOptions();
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

    /** Pids of every process of the cluster by name (services, kafka, redis), for measurements. */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        services.forEach(s -> pids.put(s.name(), s.process().pid()));
        pids.put("kafka", kafka.pid());
        pids.put("redis", redis.pid());
        return pids;
    }

    /** Seconds from each service's process start to its readiness. */
    public Map<String, Double> readySeconds() {
        Map<String, Double> ready = new LinkedHashMap<>();
        services.forEach(s -> ready.put(s.name(), s.readySeconds()));
        return ready;
    }

    /** Kills an executor process outright (SIGKILL), as a crash would. */
    public void killExecutor(int number) {
        find("executor-" + number).orElseThrow().process().kill();
    }

    /** Service processes that died without being asked to stop. */
    public List<String> unexpectedDeaths() {
        return services.stream().map(ServiceProcess::process).filter(ChildProcess::diedUnexpectedly)
                .map(p -> p.name() + " exited with " + p.exitCode() + " (log: " + p.log() + ")").toList();
    }

    public boolean isClosed() {
        return closed;
    }

    private Optional<ServiceProcess> find(String name) {
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
