package dev.ratchet.local;

/** A part that is one child process of the launcher: stopped with SIGTERM and a grace, killed with SIGKILL. */
abstract class ProcessPart extends Part {

    private final long stopGraceMillis;
    private volatile ChildProcess process;

    ProcessPart(String name, long stopGraceMillis) {
        super(name);
        this.stopGraceMillis = stopGraceMillis;
    }

    /** The process now running (or last run); null before the first start. */
    final ChildProcess process() {
        return process;
    }

    final void started(ChildProcess child) {
        process = child;
    }

    @Override
    protected final void shutDown() {
        if (process != null) {
            process.stop(stopGraceMillis);
        }
    }

    @Override
    protected final void crash() {
        if (process != null) {
            process.kill();
        }
    }

    @Override
    final long pid() {
        return process == null ? -1 : process.pid();
    }

    @Override
    final boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    final boolean diedUnexpectedly() {
        return process != null && process.diedUnexpectedly();
    }

    @Override
    final String exitReport() {
        return process == null ? "not started" : "exited with " + process.exitCode() + " (log: " + process.log()
                + ")";
    }
}
