package dev.ratchet.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.ratchet.infra.Ports;
import dev.ratchet.local.Part.PartAction;
import dev.ratchet.simulator.Scenario;
import dev.ratchet.simulator.SimulatedModelServer;
import dev.ratchet.simulator.SimulatorConfig;

/**
 * The whole of Ratchet on one machine: a real KRaft Kafka broker and a real redis-server, the SIMULATED model
 * server (unless real model endpoints are configured), and the four services as separate JVMs, executors as a
 * consumer group of {@code executors} processes. Every part but the model can be restarted, killed and started by
 * name while the cluster runs, from any thread; its state (Redis's AOF, Kafka's logs) is kept in a directory that
 * outlives the run unless a fresh start is asked for.
 */
public final class LocalCluster implements AutoCloseable {

    /** The demo's scripted scenario; the simulator answers any other session with a one-step simulated plan. */
    public static final String SCENARIO = "scenarios/textstats-demo.json";

    /**
     * @param executorConcurrency steps in flight per executor process
     * @param scenario the simulated model's scenario file; null for the demo's
     * @param properties more system properties for every service
     * @param sequentialStart start the services one after another (to measure each one's start-up alone)
     * @param stateDir where Redis, Kafka, logs and clones live; null for {@code .ratchet/local}
     * @param fresh empty the state directory first (benchmarks and tests start clean; {@code up --fresh})
     * @param portOffset added to every preferred port (9092, 6379, 8080...), for a cluster that runs while others
     *        do: a port is found free long before its process binds it (a service takes 3-100 s to start), so two
     *        clusters starting at once on the same preferred ports can each take the other's service for its own
     */
    public record Options(int executors, int executorConcurrency, double tokensPerSecond,
            Duration timeToFirstToken, Path scenario, Map<String, String> properties,
            boolean sequentialStart, Path stateDir, boolean fresh, int portOffset) {

        public static Options defaults() {
            return new Options(1, 4, SimulatorConfig.DEFAULT_TOKENS_PER_SECOND,
                    SimulatorConfig.DEFAULT_TIME_TO_FIRST_TOKEN, null, Map.of(), false, null, false, 0);
        }

        /** Every preferred port moved by {@code offset}. */
        public Options withPortOffset(int offset) {
            return new Options(executors, executorConcurrency, tokensPerSecond, timeToFirstToken, scenario,
                    properties, sequentialStart, stateDir, fresh, offset);
        }

        public Options withExecutors(int n) {
            return new Options(n, executorConcurrency, tokensPerSecond, timeToFirstToken, scenario, properties,
                    sequentialStart, stateDir, fresh, portOffset);
        }

        public Options withExecutorConcurrency(int n) {
            return new Options(executors, n, tokensPerSecond, timeToFirstToken, scenario, properties,
                    sequentialStart, stateDir, fresh, portOffset);
        }

        public Options withScenario(Path file) {
            return new Options(executors, executorConcurrency, tokensPerSecond, timeToFirstToken, file, properties,
                    sequentialStart, stateDir, fresh, portOffset);
        }

        public Options withProperties(Map<String, String> more) {
            return new Options(executors, executorConcurrency, tokensPerSecond, timeToFirstToken, scenario,
                    Map.copyOf(more), sequentialStart, stateDir, fresh, portOffset);
        }

        public Options withSequentialStart(boolean sequential) {
            return new Options(executors, executorConcurrency, tokensPerSecond, timeToFirstToken, scenario,
                    properties, sequential, stateDir, fresh, portOffset);
        }

        /** The state in {@code dir}, emptied first when {@code startFresh}. */
        public Options withState(Path dir, boolean startFresh) {
            return new Options(executors, executorConcurrency, tokensPerSecond, timeToFirstToken, scenario,
                    properties, sequentialStart, dir, startFresh, portOffset);
        }
    }

    private final LocalLayout layout;
    private final Options options;
    private final ClusterDirs dirs;
    /** Part operations share it; scaling and closing change the set of parts and take it alone. */
    private final ReadWriteLock membership = new ReentrantReadWriteLock();
    private final List<Part> parts = new CopyOnWriteArrayList<>();
    private final Map<String, String> modelAddresses = new LinkedHashMap<>();
    private final Map<String, String> serviceProperties = new HashMap<>();
    private KafkaBroker kafka;
    private LocalRedis redis;
    private SimulatedModelServer simulator;
    private String apiKey;
    private volatile boolean closed;

    private LocalCluster(LocalLayout layout, Options options, ClusterDirs dirs) {
        this.layout = layout;
        this.options = options;
        this.dirs = dirs;
    }

    public static LocalCluster start(LocalLayout layout, Options options, Consumer<String> out) {
        Path stateDir = options.stateDir() != null ? options.stateDir() : layout.localDir();
        LocalCluster cluster = new LocalCluster(layout, options, ClusterDirs.open(stateDir, options.fresh()));
        try {
            cluster.startInfrastructure();
            cluster.startServices();
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        cluster.addresses().forEach((name, address) -> out.accept(name + ": " + address));
        out.accept("api-key: " + cluster.apiKey + " (in " + cluster.apiKeyFile() + "; send Authorization: Bearer "
                + "<key>)");
        out.accept("console: " + cluster.plannerUrl() + "/console/ (open it and paste the api-key)");
        out.accept("state: " + stateDir + (options.fresh() ? " (fresh)" : " (kept across runs; --fresh empties it)"));
        out.accept("logs: " + cluster.dirs.logs());
        return cluster;
    }

    private void startInfrastructure() {
        // The in-process simulator first: when it cannot start, no broker or Redis process is left behind.
        ModelEndpoints models = ModelEndpoints.fromEnvironment();
        if (models.needsSimulator()) {
            simulator = startSimulator();
        }
        kafka = new KafkaBroker(layout, dirs, port(9092), port(9093));
        redis = new LocalRedis(dirs, port(6379));
        parts.add(kafka);
        parts.add(redis);
        CompletableFuture<PartAction> broker = CompletableFuture.supplyAsync(kafka::start);
        CompletableFuture<PartAction> store = CompletableFuture.supplyAsync(redis::start);
        join(broker);
        join(store);
        models.describe(simulator == null ? null : simulator.baseUrl().toString()).forEach(modelAddresses::put);
    }

    private SimulatedModelServer startSimulator() {
        Scenario scenario = options.scenario() != null ? Scenario.load(options.scenario()) : demoScenarios();
        SimulatorConfig config = SimulatorConfig.defaults(scenario).withPort(port(8090))
                .withTokensPerSecond(options.tokensPerSecond()).withTimeToFirstToken(options.timeToFirstToken());
        try {
            try {
                return SimulatedModelServer.start(config);
            } catch (BindException e) {
                // The port was free when chosen and taken before the bind (another process, or the previous
                // cluster's listener not yet released); any port will do, services learn it from the addresses.
                return SimulatedModelServer.start(config.withPort(0));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the simulated model server on " + config.host() + ":"
                    + config.port() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The default script: the rules of every {@code demo --scenario} (each matches only its own goal and step), then
     * the demo's, whose last rules answer any other session.
     */
    private Scenario demoScenarios() {
        List<Scenario> parts = new ArrayList<>();
        for (String rules : DemoScenarios.simulatorScenarios()) {
            parts.add(Scenario.load(layout.examples().resolve(rules)));
        }
        parts.add(Scenario.load(layout.examples().resolve(SCENARIO)));
        return Scenario.concat("demo scenarios", parts);
    }

    private void startServices() {
        serviceProperties.put("kafka.bootstrap.servers", kafka.address());
        serviceProperties.put("quarkus.redis.hosts", redis.address());
        serviceProperties.put("ratchet.work-dir", dirs.work().toString());
        serviceProperties.put("ratchet.executor.concurrency",
                Integer.toString(options.executorConcurrency()));
        if (simulator != null) {
            ModelEndpoints.fromEnvironment().simulatedRoles().forEach(role -> {
                serviceProperties.put("ratchet.models." + role + ".base-url", simulator.baseUrl().toString());
                // Names the role to the simulator, which counts each role's requests and tokens (modelUsage).
                serviceProperties.put("ratchet.models." + role + ".headers."
                        + SimulatedModelServer.ROLE_HEADER.toLowerCase(Locale.ROOT), role);
            });
        }
        // Chosen before the planner starts, which asks this registry for skills to replay: the preferred 8083 may be
        // another cluster's, and asking that one would replay its skills here.
        int registryPort = port(8083);
        serviceProperties.put("ratchet.planner.skills.url", "http://127.0.0.1:" + registryPort);
        // The development key: the planner stores it as an admin key of team dev and sends it to the registry.
        // The services read it from the file, so that it is in no process's arguments.
        apiKey = DevKey.ensure(apiKeyFile());
        serviceProperties.put("ratchet.auth.bootstrap.key-file", apiKeyFile().toString());
        serviceProperties.put("ratchet.auth.bootstrap.team", DevKey.TEAM);
        serviceProperties.put("ratchet.planner.skills.api-key-file", apiKeyFile().toString());
        // Your own machine: the dev team may point sessions at any repository on it (the demo's samples are
        // copied into the temporary directory). A shared deployment lists each team's roots instead.
        serviceProperties.put("ratchet.teams." + DevKey.TEAM + ".repo-roots", "/");
        // Nor is the dev team held to a shared deployment's team limits (docs/ARCHITECTURE.md "Limits and budgets"):
        // the chaos run keeps up to 20 sessions in flight, more than the default of 10. Sessions keep their budgets.
        serviceProperties.put("ratchet.teams." + DevKey.TEAM + ".max-concurrent-sessions", "10000");
        serviceProperties.put("ratchet.teams." + DevKey.TEAM + ".max-requests", "1000000");
        serviceProperties.put("ratchet.teams." + DevKey.TEAM + ".max-tokens-per-day", Long.toString(Long.MAX_VALUE));
        // GitHub webhooks: the secret in a file only you can read (a config location, so in no process's
        // arguments), and the CI demo's repository mapped to its clone (./ratchet demo --scenario ci).
        Path hooks = DevKey.hookSecret(dirs.root().resolve(CiDemo.SECRET_FILE));
        serviceProperties.put("quarkus.config.locations", hooks.toUri().toString());
        String repo = "ratchet.hooks.github.repos.\"" + CiDemo.REPOSITORY + "\".";
        serviceProperties.put(repo + "path", CiDemo.clone(dirs.root()).toString());
        serviceProperties.put(repo + "team", DevKey.TEAM);
        // The services run in %prod, which logs JSON for a log collector; here a person reads the logs, in text
        // lines that still name each line's session, step and trace (docs/ARCHITECTURE.md "Observability").
        serviceProperties.put("quarkus.log.console.json.enabled", "false");
        serviceProperties.putAll(options.properties());
        List<ServiceProcess> started = new ArrayList<>();
        started.add(service("planner-service", "planner-service", port(8080)));
        for (int i = 1; i <= options.executors(); i++) {
            started.add(service("executor-service", "executor-" + i, port(executorPort(i))));
        }
        started.add(service("verifier-service", "verifier-service", port(8082)));
        started.add(service("skills-registry", "skills-registry", registryPort));
        if (!options.sequentialStart()) {
            awaitReady(started);
        }
    }

    /** Starts one service; with a sequential start, waits until it is ready before the next one starts. */
    private ServiceProcess service(String service, String name, int port) {
        ServiceProcess process = ServiceProcess.of(layout, dirs, service, name, port, serviceProperties);
        parts.add(process);
        if (options.sequentialStart()) {
            process.start();
        } else {
            process.spawn();
        }
        return process;
    }

    /** The preferred port moved by the options' offset, if it is free; any free port otherwise. */
    private int port(int preferred) {
        return Ports.preferred(preferred + options.portOffset());
    }

    private static int executorPort(int number) {
        return number == 1 ? 8081 : 8100 + number;
    }

    private static void awaitReady(List<ServiceProcess> processes) {
        processes.stream().map(s -> CompletableFuture.runAsync(() -> s.awaitReady(ServiceProcess.READY_TIMEOUT)))
                .toList().forEach(LocalCluster::join);
    }

    /**
     * Stops the part gracefully (SIGTERM and a grace for services, SHUTDOWN for Redis, a controlled shutdown for
     * Kafka), then starts it again on the same port with the same properties and data directory, and waits until
     * it serves. Safe to call from any thread while the cluster runs.
     *
     * @throws IllegalArgumentException for a name that is not one of {@link #partNames()}
     */
    public PartAction restart(String name) {
        return onPart(name, Part::restart);
    }

    /** Kills the part with SIGKILL, as a crash would; it stays down until {@link #start(String)}. */
    public PartAction kill(String name) {
        return onPart(name, Part::kill);
    }

    /** Starts a part that was killed, stopped or died, as {@link #restart} does; leaves a running one alone. */
    public PartAction start(String name) {
        return onPart(name, Part::start);
    }

    /** Stops the part gracefully; it stays down until {@link #start(String)}. */
    public PartAction stop(String name) {
        return onPart(name, Part::stop);
    }

    private PartAction onPart(String name, Function<Part, PartAction> operation) {
        Lock shared = membership.readLock();
        shared.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the cluster is stopping");
            }
            Part part = parts.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("no part named '" + name + "'; the parts are "
                            + String.join(", ", partNames())));
            return operation.apply(part);
        } finally {
            shared.unlock();
        }
    }

    /** The names {@link #restart}, {@link #kill} and {@link #start} take: kafka, redis and each service. */
    public List<String> partNames() {
        return parts.stream().map(Part::name).toList();
    }

    /**
     * Starts or stops executor processes until {@code count} run. Stopped executors leave the consumer group
     * cleanly, so their partitions move to the others at once.
     */
    public void scaleExecutors(int count) {
        scaleExecutors(count, options.executorConcurrency());
    }

    /** As {@link #scaleExecutors(int)}, restarting every executor when the steps in flight per process change. */
    public void scaleExecutors(int count, int concurrency) {
        Lock exclusive = membership.writeLock();
        exclusive.lock();
        try {
            String key = "ratchet.executor.concurrency";
            if (!Integer.toString(concurrency).equals(serviceProperties.get(key))) {
                scaleExecutors0(0);
                serviceProperties.put(key, Integer.toString(concurrency));
            }
            scaleExecutors0(count);
        } finally {
            exclusive.unlock();
        }
    }

    private void scaleExecutors0(int count) {
        List<ServiceProcess> running = executors();
        for (int i = running.size() - 1; i >= count; i--) {
            ServiceProcess executor = running.get(i);
            executor.stop();
            parts.remove(executor);
        }
        List<ServiceProcess> added = new ArrayList<>();
        for (int i = running.size() + 1; i <= count; i++) {
            ServiceProcess executor = ServiceProcess.of(layout, dirs, "executor-service", "executor-" + i,
                    port(executorPort(i)), serviceProperties);
            // Before the verifier and the registry, so that addresses stay in the order ./ratchet up prints them.
            parts.add(parts.indexOf(services().get(services().size() - 2)), executor);
            executor.spawn();
            added.add(executor);
        }
        awaitReady(added);
    }

    private List<ServiceProcess> services() {
        return parts.stream().filter(ServiceProcess.class::isInstance).map(ServiceProcess.class::cast).toList();
    }

    private List<ServiceProcess> executors() {
        return services().stream().filter(s -> s.name().startsWith("executor-")).toList();
    }

    /** The simulated model server's base URL, when the cluster runs one. */
    public Optional<URI> simulatorUrl() {
        return simulator == null ? Optional.empty() : Optional.of(simulator.baseUrl());
    }

    /**
     * Chat completion requests the simulated model received so far, whatever their answer (0 without a
     * simulator): a test learns from it that a model call is in flight, which no progress line says.
     */
    public long modelRequests() {
        return simulator == null ? 0 : simulator.requestCount();
    }

    /**
     * What one model role ({@code planner}, {@code executor}) asked the simulated model so far, and the tokens of
     * its answers; zeros without a simulator or for a role a real endpoint serves.
     */
    public SimulatedModelServer.RoleUsage modelUsage(String role) {
        return simulator == null ? new SimulatedModelServer.RoleUsage(0, 0, 0) : simulator.usage(role);
    }

    /** The JVM options every service process runs with. */
    public static List<String> serviceJvmOptions() {
        return ServiceProcess.jvmOptions();
    }

    public String plannerUrl() {
        return addresses().get("planner-service");
    }

    public String skillsUrl() {
        return addresses().get("skills-registry");
    }

    /** The planner's platform API with the development key. */
    public ApiEndpoint planner() {
        return new ApiEndpoint(plannerUrl(), apiKey);
    }

    /** The skills registry's API with the development key. */
    public ApiEndpoint skills() {
        return new ApiEndpoint(skillsUrl(), apiKey);
    }

    /** The development key's file ({@link DevKey}). */
    public Path apiKeyFile() {
        return dirs.root().resolve(DevKey.FILE);
    }

    public String kafkaBootstrapServers() {
        return kafka.address();
    }

    public String redisUrl() {
        return redis.address();
    }

    /** Every part's address by name, in the order {@code ./ratchet up} prints them: kafka, redis, model, services. */
    public Map<String, String> addresses() {
        Map<String, String> addresses = new LinkedHashMap<>();
        List<Part> now = List.copyOf(parts);
        now.stream().filter(p -> !(p instanceof ServiceProcess)).forEach(p -> addresses.put(p.name(), p.address()));
        addresses.putAll(modelAddresses);
        now.stream().filter(ServiceProcess.class::isInstance).forEach(p -> addresses.put(p.name(), p.address()));
        return Collections.unmodifiableMap(addresses);
    }

    /** The state directory: Redis's AOF, Kafka's logs, this run's logs. */
    public Path stateDir() {
        return dirs.root();
    }

    /** Pids of every process of the cluster by name (services, kafka, redis), for measurements. */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        services().forEach(s -> pids.put(s.name(), s.pid()));
        pids.put(kafka.name(), kafka.pid());
        pids.put(redis.name(), redis.pid());
        return pids;
    }

    /** Seconds from each service's process start to its readiness. */
    public Map<String, Double> readySeconds() {
        Map<String, Double> ready = new LinkedHashMap<>();
        services().forEach(s -> ready.put(s.name(), s.readySeconds()));
        return ready;
    }

    /** Kills an executor process outright (SIGKILL), as a crash would. */
    public void killExecutor(int number) {
        kill("executor-" + number);
    }

    /** Parts that died without being asked to stop; a part killed or stopped on purpose is not one of them. */
    public List<String> unexpectedDeaths() {
        return parts.stream().filter(Part::diedUnexpectedly).map(p -> p.name() + " " + p.exitReport()).toList();
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        Lock exclusive = membership.writeLock();
        exclusive.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            List<CompletableFuture<PartAction>> stopping = services().stream()
                    .map(s -> CompletableFuture.supplyAsync(s::stop)).toList();
            stopping.forEach(CompletableFuture::join);
            if (kafka != null) {
                kafka.stop();
            }
            if (redis != null) {
                redis.stop();
            }
            if (simulator != null) {
                simulator.close();
            }
            dirs.close();
        } finally {
            exclusive.unlock();
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
