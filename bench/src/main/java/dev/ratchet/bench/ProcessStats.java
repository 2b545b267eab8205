package dev.ratchet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of a process and everything it started, read from /proc (Linux). CPU includes the
 * reaped children (git and check processes of executors and verifiers), so it is what the service really costs.
 */
public final class ProcessStats {

    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessStats() {
    }

    /** utime + stime + cutime + cstime of the process and its live descendants, in milliseconds. */
    public static double cpuMillis(long pid) {
        return tree(pid).mapToDouble(ProcessStats::ownCpuMillis).sum();
    }

    /** VmRSS of the process and its live descendants, in MB. */
    public static double rssMb(long pid) {
        return tree(pid).mapToDouble(ProcessStats::ownRssKb).sum() / 1024.0;
    }

    private static Stream<Long> tree(long pid) {
        return ProcessHandle.of(pid).map(p -> Stream.concat(Stream.of(p), p.descendants()).map(ProcessHandle::pid))
                .orElse(Stream.empty());
    }

    private static double ownCpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After "pid (comm) ": state is field 3; utime..cstime are fields 14..17.
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13])
                    + Long.parseLong(f[14]);
            return ticks * 1000.0 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double ownRssKb(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).mapToDouble(l -> Double.parseDouble(l.replaceAll("\\D", "")))
                    .findFirst().orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
