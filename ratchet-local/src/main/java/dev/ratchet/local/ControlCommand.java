package dev.ratchet.local;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./ratchet restart <part> [--kill]}, {@code ./ratchet kill <part>}, {@code ./ratchet start <part>}: the
 * running {@code ./ratchet up} acts on one part through its control endpoint and says what it did. With
 * {@code --kill}, a restart is a SIGKILL (a crash) followed by a start.
 */
final class ControlCommand {

    static final int FAILED = 1;

    private ControlCommand() {
    }

    /** Returns the exit code: 0 done, 1 no cluster or the part failed or is unknown, 64 a usage error. */
    static int run(LocalLayout layout, String command, List<String> args, PrintStream out, PrintStream err) {
        boolean kill = command.equals("restart") && args.contains("--kill");
        List<String> names = args.stream().filter(a -> !(a.equals("--kill") && command.equals("restart"))).toList();
        if (names.size() != 1 || names.get(0).startsWith("-")) {
            err.println("ratchet: " + command + " takes one part name (kafka, redis, planner-service, executor-N, "
                    + "verifier-service, skills-registry)" + (command.equals("restart") ? " and optionally --kill"
                            : ""));
            return Main.USAGE;
        }
        Optional<Map<String, Object>> state = ClusterState.launcher(layout);
        if (state.isEmpty()) {
            err.println("ratchet: no Ratchet cluster is running (./ratchet up starts one)");
            return FAILED;
        }
        Optional<ControlClient> client = ControlClient.of(state.get());
        if (client.isEmpty()) {
            err.println("ratchet: the running cluster (pid " + state.get().get("pid") + ") has no control endpoint; "
                    + "it was started by an older ./ratchet: stop it and start it again");
            return FAILED;
        }
        for (String action : kill ? List.of("kill", "start") : List.of(command)) {
            ControlClient.Reply reply = client.get().act(names.get(0), action);
            if (!reply.ok()) {
                err.println("ratchet: " + reply.text());
                return FAILED;
            }
            out.println(reply.text());
        }
        return 0;
    }
}
