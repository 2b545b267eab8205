package dev.ratchet.local;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./ratchet up} runs the local cluster until Ctrl-C; {@code ./ratchet demo} runs the demo session on it (or
 * on its own cluster when none is up) and exits 0 when the session completed.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "help" : args[0];
        int executors = 1;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--executors") && i + 1 < args.length) {
                executors = parsePositive(args[++i]);
            } else {
                usage("unknown option " + args[i]);
            }
        }
        LocalLayout layout = LocalLayout.fromEnvironment();
        switch (command) {
            case "up" -> up(layout, executors);
            case "demo" -> System.exit(demo(layout, executors));
            case "help", "--help", "-h" -> usage(null);
            default -> usage("unknown command " + command);
        }
    }

    private static void up(LocalLayout layout, int executors) {
        Optional<Map<String, Object>> running = ClusterState.running(layout);
        if (running.isPresent()) {
            System.err.println("a Ratchet cluster is already running (pid " + running.get().get("pid")
                    + ", planner-service " + running.get().get("planner-service") + ")");
            System.exit(1);
        }
        LocalCluster cluster = start(layout, executors);
        ClusterState.write(layout, cluster.addresses());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping");
            ClusterState.remove(layout);
            cluster.close();
            stopped.countDown();
        }, "ratchet-stop"));
        System.out.println("ready");
        supervise(cluster, stopped);
    }

    private static int demo(LocalLayout layout, int executors) {
        Optional<Map<String, Object>> running = ClusterState.running(layout);
        if (running.isPresent()) {
            System.out.println("using the running cluster (pid " + running.get().get("pid") + ")");
            return exitCode(Demo.run(layout, (String) running.get().get("planner-service"), System.out::println));
        }
        try (LocalCluster cluster = start(layout, executors)) {
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "ratchet-stop"));
            System.out.println("ready");
            return exitCode(Demo.run(layout, cluster.plannerUrl(), System.out::println));
        } catch (RuntimeException e) {
            System.err.println("demo failed: " + e.getMessage());
            return 2;
        }
    }

    private static LocalCluster start(LocalLayout layout, int executors) {
        try {
            return LocalCluster.start(layout, LocalCluster.Options.defaults().withExecutors(executors),
                    System.out::println);
        } catch (RuntimeException e) {
            System.err.println("the local cluster did not start: " + e.getMessage());
            System.exit(2);
            throw e;
        }
    }

    /** Reports children that die (an executor may; the group takes over its partitions) until shutdown. */
    private static void supervise(LocalCluster cluster, CountDownLatch stopped) {
        java.util.Set<String> reported = new java.util.HashSet<>();
        try {
            while (!stopped.await(500, TimeUnit.MILLISECONDS)) {
                for (String death : cluster.unexpectedDeaths()) {
                    if (reported.add(death)) {
                        System.out.println("warning: " + death);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int exitCode(Demo.Result result) {
        return "COMPLETED".equals(result.status()) ? 0 : 1;
    }

    private static int parsePositive(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= 24) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        usage("--executors takes a number from 1 to 24 (the executor topic has 24 partitions)");
        return 1;
    }

    private static void usage(String problem) {
        if (problem != null) {
            System.err.println("ratchet: " + problem);
        }
        System.err.println("""
                usage: ./ratchet up   [--executors N]   run the local cluster until Ctrl-C
                       ./ratchet demo [--executors N]   run the demo session (on the running cluster, if any)""");
        System.exit(problem == null ? 0 : 64);
    }
}
