package dev.ratchet.local;

import java.util.Locale;

/**
 * One part of the local cluster (the broker, Redis, a service) that can be stopped, killed and started again by
 * name, on the same port and data directory. Each part's operations run one at a time (its monitor); different
 * parts can be restarted at once, from any thread.
 */
public abstract class Part {

    private final String name;

    Part(String name) {
        this.name = name;
    }

    final String name() {
        return name;
    }

    /** Where clients reach it; the same after a restart. */
    abstract String address();

    abstract long pid();

    abstract boolean isAlive();

    /** True when the process ended without the launcher stopping or killing it. */
    abstract boolean diedUnexpectedly();

    /** How it ended, for a warning: exit code and log file. */
    abstract String exitReport();

    /** Starts the process and returns once it serves. */
    protected abstract void launch();

    /** Graceful stop: the part finishes what it can (SIGTERM, SHUTDOWN, controlled shutdown), forced after a grace. */
    protected abstract void shutDown();

    /** SIGKILL, as a crash would. */
    protected abstract void crash();

    final synchronized PartAction start() {
        long started = System.nanoTime();
        if (isAlive()) {
            return PartAction.of(this, "left running", started, Double.NaN);
        }
        launch();
        return PartAction.of(this, "started", started, Double.NaN);
    }

    final synchronized PartAction stop() {
        long started = System.nanoTime();
        shutDown();
        return PartAction.of(this, "stopped", started, Double.NaN);
    }

    final synchronized PartAction kill() {
        long started = System.nanoTime();
        crash();
        return PartAction.of(this, "killed", started, Double.NaN);
    }

    final synchronized PartAction restart() {
        long started = System.nanoTime();
        shutDown();
        double stopped = (System.nanoTime() - started) / 1e9;
        launch();
        return PartAction.of(this, "restarted", started, stopped);
    }

    /**
     * What an operation on a part did, as {@code ./ratchet restart} prints it; a restart also says how long the
     * stop took (NaN otherwise).
     */
    public record PartAction(String part, String done, String address, long pid, boolean alive, double seconds,
            double stopSeconds) {

        static PartAction of(Part part, String done, long startedNanos, double stopSeconds) {
            return new PartAction(part.name(), done, part.address(), part.pid(), part.isAlive(),
                    (System.nanoTime() - startedNanos) / 1e9, stopSeconds);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %s (%s, pid %d%s) in %.2f s%s", done, part, address, pid,
                    alive ? "" : ", not running", seconds, Double.isNaN(stopSeconds) ? ""
                            : String.format(Locale.ROOT, " (stopped in %.2f s)", stopSeconds));
        }
    }
}
