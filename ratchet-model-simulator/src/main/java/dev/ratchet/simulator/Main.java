package dev.ratchet.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a SIMULATED model server from the command line until the process is killed.
 * Prints one line, {@code model: http://HOST:PORT/v1 (simulated)}, for scripts to read the URL from.
 */
public final class Main {

    static final String USAGE = "usage: ratchet-model-simulator --scenario FILE [--host HOST] [--port PORT]"
            + " [--tokens-per-second N] [--ttft-ms N]";

    private Main() {
    }

    public static void main(String[] args) {
        SimulatorConfig config;
        try {
            config = MainArguments.parse(args);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("ratchet-model-simulator: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        try {
            SimulatedModelServer server = SimulatedModelServer.start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "simulated-model-shutdown"));
            System.out.println("model: " + server.baseUrl() + " (simulated)");
            System.out.flush();
            new CountDownLatch(1).await();
        } catch (IOException e) {
            System.err.println("ratchet-model-simulator: cannot listen on " + config.host() + ":" + config.port()
                    + ": " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
