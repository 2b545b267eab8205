package dev.ratchet.bench.chaos;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.ratchet.bench.BenchLayout;
import dev.ratchet.bench.Machine;
import dev.ratchet.local.LocalLayout;

/**
 * {@code ./ratchet chaos [--quick] [--sessions S] [--seed N]}: sessions on the local cluster while its services are
 * killed, Redis and the broker restarted and poison sent, then every session checked. Exits 1 only when work was
 * lost or duplicated or poison was not dead-lettered (or the run itself could not be carried out), never because
 * something was slow.
 */
public final class ChaosMain {

    private static final String USAGE = "usage: ./ratchet chaos [--quick] [--sessions S] [--seed N]";

    private ChaosMain() {
    }

    public static void main(String[] args) {
        boolean quick = false;
        Integer sessions = null;
        Long seed = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> quick = true;
                    case "--sessions" -> sessions = Integer.parseInt(value(args, ++i));
                    case "--seed" -> seed = Long.parseLong(value(args, ++i));
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            System.exit(64);
            return;
        }
        ChaosSettings settings = quick ? ChaosSettings.quickRun() : ChaosSettings.fullRun();
        if (sessions != null) {
            settings = settings.withSessions(sessions);
        }
        long chosen = seed != null ? seed : ThreadLocalRandom.current().nextLong();
        System.exit(run(settings, chosen, command(quick, sessions, chosen)));
    }

    private static int run(ChaosSettings settings, long seed, String command) {
        LocalLayout layout = LocalLayout.fromEnvironment();
        Path dir = layout.stateDir().resolve("chaos");
        LocalLayout.deleteTree(dir);
        System.out.println(command + ": model SIMULATED, " + settings.sessions() + " sessions, seed " + seed
                + " (repeat the schedule with --seed " + seed + ")");
        try {
            ChaosResult result = new ChaosRun(settings, seed, layout, dir, System.out::println).run();
            ChaosReport report = new ChaosReport(result, Machine.current(), command);
            System.out.println("wrote " + report.writeJson(BenchLayout.resultsDir(layout, settings.quick())));
            Path markdown = BenchLayout.markdown(layout, settings.quick());
            report.appendMarkdown(markdown);
            System.out.println("appended the results to " + markdown);
            report.printSummary(System.out::println);
            if (result.failed()) {
                System.out.println("chaos FAILED: work was lost or duplicated, or poison was not dead-lettered");
                return 1;
            }
            return 0;
        } catch (RuntimeException e) {
            System.err.println("chaos failed: " + e);
            e.printStackTrace();
            return 1;
        }
    }

    /** The command that repeats this run's schedule. */
    static String command(boolean quick, Integer sessions, long seed) {
        List<String> parts = new ArrayList<>(List.of("./ratchet", "chaos"));
        if (quick) {
            parts.add("--quick");
        }
        if (sessions != null) {
            parts.add("--sessions " + sessions);
        }
        parts.add("--seed " + seed);
        return String.join(" ", parts);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
