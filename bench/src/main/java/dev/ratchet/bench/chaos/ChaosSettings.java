package dev.ratchet.bench.chaos;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How big a chaos run is. Faults fill the window, one kill or restart per slot; sessions are submitted in waves
 * spread over the same slots ({@link FaultSchedule}), so that there are sessions in flight whenever a fault lands.
 *
 * @param sessions S, sessions submitted in all
 * @param waves how many waves they are submitted in
 * @param killsPerService SIGKILLs of each of planner, executor-1, executor-2 and verifier
 * @param window the time the faults are spread over, from the first wave
 * @param deadline how long after the window the sessions have to end before the unfinished count as stuck
 */
public record ChaosSettings(boolean quick, int sessions, int waves, int killsPerService, Duration window,
        Duration deadline) {

    public ChaosSettings {
        if (sessions < 1) {
            throw new IllegalArgumentException("--sessions must be at least 1");
        }
        waves = Math.min(waves, sessions);
    }

    /**
     * 20 sessions in 10 waves of 2, and 4 kills of each service (16) plus a Redis and a broker restart over 5
     * minutes: 18 slots of 15 s, each long enough for a kill, a restart pause and a service start on 2 cores (a
     * start that takes longer delays what follows); a demo session takes 20-30 s, so 2 to 4 are in flight.
     */
    public static ChaosSettings fullRun() {
        return new ChaosSettings(false, 20, 10, 4, Duration.ofMinutes(5), Duration.ofMinutes(10));
    }

    /** CI's smoke run: 6 sessions in 3 waves over 90 s, one kill of each service, both restarts; about 5 minutes. */
    public static ChaosSettings quickRun() {
        return new ChaosSettings(true, 6, 3, 1, Duration.ofSeconds(90), Duration.ofMinutes(5));
    }

    public ChaosSettings withSessions(int s) {
        ChaosSettings defaults = quick ? quickRun() : fullRun();
        return new ChaosSettings(quick, s, defaults.waves(), killsPerService, window, deadline);
    }

    /** Sessions in wave {@code wave} (0-based): the sessions split as evenly as they go, earlier waves first. */
    public int sessionsInWave(int wave) {
        return sessions / waves + (wave < sessions % waves ? 1 : 0);
    }

    Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("sessions", sessions);
        d.put("waves", waves);
        d.put("killsPerService", killsPerService);
        d.put("windowS", window.toSeconds());
        d.put("deadlineS", deadline.toSeconds());
        return d;
    }
}
