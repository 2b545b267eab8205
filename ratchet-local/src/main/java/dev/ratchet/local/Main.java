package dev.ratchet.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.ratchet.local.client.ClientCommands;

/**
 * {@code ./ratchet up} runs the local cluster until Ctrl-C; {@code ./ratchet demo} runs the demo session on it (or
 * on its own cluster when none is up) and exits 0 when the session completed ({@code --scenario NAME}: one of
 * {@link DemoScenarios#runners()} instead, 0 also when it is skipped); {@code restart}, {@code kill} and
 * {@code start} act on one part of the running cluster; {@code dlq} lists and replays dead letters; {@code skills}
 * imports and exports skill folders; {@code keys} creates, lists and revokes API keys; {@code sessions},
 * {@code submit}, {@code show}, {@code follow}, {@code approve}, {@code steer} and {@code patch} are the API client
 * ({@link ClientCommands}).
 */
public final class Main {

    static final int USAGE = 64;

    private Main() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "help" : args[0];
        List<String> rest = List.of(args).subList(Math.min(1, args.length), args.length);
        LocalLayout layout = LocalLayout.fromEnvironment();
        if (ClientCommands.handles(List.of(args))) {
            System.exit(ClientCommands.run(layout, System.getenv(), List.of(args), System.out, System.err));
        }
        int exit = switch (command) {
            case "up" -> up(layout, clusterOptions(rest));
            case "demo" -> demo(layout, rest);
            case "restart", "kill", "start" -> ControlCommand.run(layout, command, rest, System.out, System.err);
            case "dlq" -> DlqCommand.run(layout, rest, System.out, System.err);
            case "skills" -> SkillsCommand.run(layout, rest, System.out, System.err);
            case "keys" -> KeysCommand.run(layout, rest, System.out, System.err);
            case "help", "--help", "-h" -> usage(null);
            default -> usage("unknown command " + command);
        };
        System.exit(exit);
    }

    /** {@code [--executors N] [--fresh]} of up and demo. */
    private static LocalCluster.Options clusterOptions(List<String> args) {
        LocalCluster.Options options = LocalCluster.Options.defaults();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--executors") && i + 1 < args.size()) {
                options = options.withExecutors(parsePositive(args.get(++i)));
            } else if (args.get(i).equals("--fresh")) {
                options = options.withState(null, true);
            } else {
                System.exit(usage("unknown option " + args.get(i)));
            }
        }
        return options;
    }

    private static int up(LocalLayout layout, LocalCluster.Options options) {
        Optional<Map<String, Object>> running = ClusterState.launcher(layout);
        if (running.isPresent()) {
            System.err.println("a Ratchet cluster is already running (pid " + running.get().get("pid")
                    + ", planner-service " + running.get().get("planner-service") + ")");
            return 1;
        }
        LocalCluster cluster = start(layout, options);
        ControlServer control = ControlServer.start(cluster);
        ClusterState.write(layout, cluster.addresses(), cluster.stateDir(), cluster.apiKeyFile(), control);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping");
            ClusterState.remove(layout);
            control.close();
            cluster.close();
            stopped.countDown();
        }, "ratchet-stop"));
        System.out.println("control: " + control.url() + " (./ratchet restart <part> [--kill])");
        System.out.println("ready");
        supervise(cluster, stopped);
        return 0;
    }

    /** {@code demo [--scenario NAME] [cluster options]}: the demo session, or the scenario of that name. */
    private static int demo(LocalLayout layout, List<String> args) {
        int at = args.indexOf("--scenario");
        ScenarioRunner runner = Demo::run;
        List<String> rest = args;
        if (at >= 0) {
            Map<String, ScenarioRunner> scenarios = DemoScenarios.runners();
            String name = at + 1 < args.size() ? args.get(at + 1) : "";
            if (name.equals(CI)) {
                return ciDemo(layout, clusterOptions(withoutOption(args, at)));
            }
            if (name.equals(REPLAY)) {
                // Not a runner on a shared cluster: it needs a cluster of its own to count the planner's calls.
                return replayDemo(layout, clusterOptions(withoutOption(args, at)));
            }
            runner = scenarios.get(name);
            if (runner == null) {
                return usage("--scenario takes one of " + String.join(", ", scenarios.keySet()) + ", " + CI + ", "
                        + REPLAY
                        + (name.isEmpty() ? "" : " (not " + name + ")"));
            }
            rest = withoutOption(args, at);
        }
        return demo(layout, clusterOptions(rest), runner);
    }

    /** {@code args} without the option at {@code at} and its value. */
    private static List<String> withoutOption(List<String> args, int at) {
        List<String> rest = new ArrayList<>(args.subList(0, at));
        rest.addAll(args.subList(Math.min(at + 2, args.size()), args.size()));
        return rest;
    }

    /** The scenario that starts a session from a GitHub delivery (CiDemo). */
    static final String CI = "ci";

    /** The scenario that replays a captured skill (ReplayDemo). */
    static final String REPLAY = "replay";

    /**
     * Ports of the replay demo's cluster: its preferred ports moved by 20000 (18080, 28090...), as {@code ./ratchet
     * chaos} moves its by 10000, so that it runs beside {@code ./ratchet up} or an IT starting at the same moment
     * instead of racing them for 8080-8083 and talking to their services.
     */
    static final int REPLAY_PORT_OFFSET = 20_000;

    /** On a cluster of its own, started empty: it counts the simulated model's planner calls, which live there. */
    private static int replayDemo(LocalLayout layout, LocalCluster.Options options) {
        System.out.println("replay demo on a cluster of its own (" + layout.stateDir().resolve("replay")
                + ", started empty), so that the simulated model can count the planner's calls");
        try (LocalCluster cluster = start(layout, options.withState(layout.stateDir().resolve("replay"), true)
                .withPortOffset(REPLAY_PORT_OFFSET))) {
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "ratchet-stop"));
            System.out.println("ready");
            return ReplayDemo.run(cluster, layout, System.out::println).replayed() ? 0 : 1;
        } catch (RuntimeException e) {
            System.err.println("replay demo failed: " + e.getMessage());
            return 2;
        }
    }

    /** On the running cluster (its state directory holds the webhook secret and the clone), or on one started. */
    private static int ciDemo(LocalLayout layout, LocalCluster.Options options) {
        Optional<Map<String, Object>> running = ClusterState.running(layout);
        if (running.isPresent()) {
            System.out.println("using the running cluster (pid " + running.get().get("pid") + ")");
            return exitCode(CiDemo.run(layout, ClusterState.api(layout, "planner-service", null, null).orElseThrow(),
                    Path.of((String) running.get().get(ClusterState.STATE_DIR)), System.out::println));
        }
        try (LocalCluster cluster = start(layout, options)) {
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "ratchet-stop"));
            System.out.println("ready");
            return exitCode(CiDemo.run(layout, cluster.planner(), cluster.stateDir(), System.out::println));
        } catch (RuntimeException e) {
            System.err.println("ci demo failed: " + e.getMessage());
            return 2;
        }
    }

    private static int demo(LocalLayout layout, LocalCluster.Options options, ScenarioRunner runner) {
        Optional<Map<String, Object>> running = ClusterState.running(layout);
        if (running.isPresent()) {
            System.out.println("using the running cluster (pid " + running.get().get("pid") + ")");
            return exitCode(runner.run(layout, ClusterState.api(layout, "planner-service", null, null).orElseThrow(),
                    System.out::println));
        }
        try (LocalCluster cluster = start(layout, options)) {
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "ratchet-stop"));
            System.out.println("ready");
            return exitCode(runner.run(layout, cluster.planner(), System.out::println));
        } catch (RuntimeException e) {
            System.err.println("demo failed: " + e.getMessage());
            return 2;
        }
    }

    private static LocalCluster start(LocalLayout layout, LocalCluster.Options options) {
        try {
            return LocalCluster.start(layout, options, System.out::println);
        } catch (RuntimeException e) {
            System.err.println("the local cluster did not start: " + e.getMessage());
            System.exit(2);
            throw e;
        }
    }

    /**
     * Reports parts that die on their own (an executor may; the group takes over its partitions) until shutdown;
     * parts restarted or killed on purpose are not reported.
     */
    private static void supervise(LocalCluster cluster, CountDownLatch stopped) {
        Set<String> reported = new HashSet<>();
        try {
            while (!stopped.await(500, TimeUnit.MILLISECONDS)) {
                List<String> deaths = cluster.unexpectedDeaths();
                for (String death : deaths) {
                    if (reported.add(death)) {
                        System.out.println("warning: " + death + "; ./ratchet start <part> starts it again");
                    }
                }
                reported.retainAll(deaths);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int exitCode(Demo.Result result) {
        return "COMPLETED".equals(result.status()) || Demo.Result.SKIPPED.equals(result.status()) ? 0 : 1;
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
        System.exit(usage("--executors takes a number from 1 to 24 (the executor topic has 24 partitions)"));
        return 1;
    }

    private static int usage(String problem) {
        if (problem != null) {
            System.err.println("ratchet: " + problem);
        }
        System.err.println("""
                usage: ./ratchet up   [--executors N] [--fresh]   run the local cluster until Ctrl-C; its Redis and
                                                                  Kafka data are kept in .ratchet/local across runs
                                                                  (--fresh starts empty)
                       ./ratchet demo [--executors N] [--fresh]   run the demo session (on the running cluster, if any)
                       ./ratchet demo --scenario NAME [...]       run a scripted scenario instead; it ends with one line
                                                                  saying what happened (names: README.md "Scenarios")
                       ./ratchet demo --scenario ci               a failed GitHub workflow run, signed, posted to
                                                                  /hooks/github, starts a session; posted again, ignored
                       ./ratchet demo --scenario replay           a session captured as a skill, trusted, then replayed
                                                                  without the planner model (on a cluster of its own)
                       ./ratchet restart <part> [--kill]          restart one part of the running cluster: kafka, redis,
                                                                  planner-service, executor-N, verifier-service,
                                                                  skills-registry (--kill: SIGKILL, then start)
                       ./ratchet kill <part>                      SIGKILL one part, as a crash; it stays down
                       ./ratchet start <part>                     start a part that was killed or died
                       ./ratchet dlq list [--bootstrap host:port]                  dead letters, replayed or not
                       ./ratchet dlq replay <topic> [--session ID] [--bootstrap host:port]
                                                                  send them back to their original topic, once
                       ./ratchet skills import DIR [--registry URL]   skill folders (DIR, its sub-folders, or
                                                                  .ratchet|.claude|.codex|.agents/skills in it)
                                                                  into the registry
                       ./ratchet skills export DIR [--layout ratchet|claude|codex|agents] [--name NAME]...
                                                   [--overwrite]  every skill (or those named) into DIR
                       ./ratchet keys create --team TEAM [--admin]  an API key for a team, printed once
                       ./ratchet keys list | revoke ID              the keys (never their secrets); revoke one
                client of a running cluster's API (./ratchet <command> --help says more; --json for scripts;
                --url/--api-key or RATCHET_URL/RATCHET_API_KEY, else the cluster ./ratchet up runs here):
                       ./ratchet sessions [--status S] [--repo R]   the sessions, newest first
                       ./ratchet submit --repo PATH --goal TEXT [--check NAME=COMMAND]... [--guardrails JSON]
                                        [--approve-plan] [--follow]  start a session (and watch it)
                       ./ratchet show ID | follow ID                one session as it stands | live until it ends
                       ./ratchet approve ID                         run a plan that waits for approval
                       ./ratchet steer ID --note TEXT | --guardrails JSON | --read-only | --redo STEP
                                          | --skip STEP | --pause | --resume | --cancel [--reason TEXT]
                       ./ratchet patch ID [--step STEP] > change.mbox   the result as patches for git am
                       ./ratchet skills list | show NAME | search QUERY | trust NAME | untrust NAME
                                                                  the skills registry
                exit codes of the client: 0 done (session completed), 1 session failed or cancelled, 2 bad arguments
                or refused by the API (4xx), 3 unreachable or 5xx, 4 follow --timeout passed""");
        return problem == null ? 0 : USAGE;
    }
}
