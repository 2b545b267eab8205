package dev.ratchet.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import dev.ratchet.simulator.Scenario;
import dev.ratchet.simulator.SimulatedModelServer;
import dev.ratchet.simulator.SimulatorConfig;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The SIMULATED model server (the one stand-in Ratchet's tests use) for both model roles. The {@code scenario}
 * init argument names a file in {@code examples/scenarios/} (default: the demo's), or a classpath resource as
 * {@code classpath:/scenarios/x.json}.
 */
public class SimulatedModelResource implements QuarkusTestResourceLifecycleManager {

    private static final String CLASSPATH = "classpath:";
    private static volatile SimulatedModelServer current;

    private SimulatedModelServer server;
    private String scenario = "textstats-demo.json";

    @Override
    public void init(Map<String, String> initArgs) {
        scenario = initArgs.getOrDefault("scenario", scenario);
    }

    @Override
    public Map<String, String> start() {
        try {
            Scenario loaded = scenario.startsWith(CLASSPATH) ? Scenario.fromResource(scenario.substring(CLASSPATH.length()))
                    : Scenario.load(Examples.scenario(scenario));
            server = SimulatedModelServer.start(SimulatorConfig.defaults(loaded)
                    .withTimeToFirstToken(java.time.Duration.ofMillis(5)).withTokensPerSecond(20_000));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        current = server;
        String url = server.baseUrl().toString();
        return Map.of("ratchet.models.planner.base-url", url, "ratchet.models.executor.base-url", url);
    }

    /** Chat completion requests the running test's simulated model received so far (the model calls made). */
    public static long requestCount() {
        return current == null ? 0 : current.requestCount();
    }

    /** The bodies of the last chat requests the running test's simulated model received, oldest first. */
    public static List<String> recentRequests() {
        return current == null ? List.of() : current.recentRequests();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
