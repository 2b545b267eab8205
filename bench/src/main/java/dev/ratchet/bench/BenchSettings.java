package dev.ratchet.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How much work each scenario does. The full run fits in about ten minutes on 2 cores; the quick run is a smoke
 * test of the whole harness (one run of each, tiny workloads) for CI.
 *
 * @param sessions S, sessions per overhead / scale-out run
 * @param steps K, steps per session
 * @param runs repetitions of each measured run
 * @param throughputSessions sessions per throughput run (zero-latency model)
 * @param hopSeconds how long sessions arrive during the hop-latency run
 * @param hopTargetStepsPerSecond the hop-latency load, lowered to 70 % of the measured ceiling if that is less
 * @param floorMessages records EndToEndLatency sends
 */
public record BenchSettings(boolean quick, int sessions, int steps, int runs, int throughputSessions,
        int hopSeconds, double hopTargetStepsPerSecond, int floorMessages) {

    public static BenchSettings fullRun() {
        return new BenchSettings(false, 8, 5, 3, 16, 30, 50, 10_000);
    }

    public static BenchSettings quickRun() {
        return new BenchSettings(true, 2, 2, 1, 4, 5, 50, 500);
    }

    Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("sessions", sessions);
        d.put("stepsPerSession", steps);
        d.put("runs", runs);
        return d;
    }
}
