package dev.ratchet.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.ratchet.local.LocalCluster;

/** Samples every service's resident memory while the load runs and keeps the peak. */
final class RssSampler implements AutoCloseable {

    private final Map<String, Double> peak = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    RssSampler(LocalCluster cluster) {
        thread = new Thread(() -> {
            while (running) {
                ClusterProcesses.max(cluster, ProcessStats::rssMb).forEach((s, mb) -> peak.merge(s, mb, Math::max));
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-rss-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    Map<String, Double> peak() {
        return Map.copyOf(peak);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
