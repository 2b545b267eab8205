package dev.ratchet.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import dev.ratchet.local.LocalCluster;

/** The cluster's processes grouped by service (all executors together), for CPU and memory figures. */
final class ClusterProcesses {

    private ClusterProcesses() {
    }

    static String service(String processName) {
        if (processName.startsWith("executor-")) {
            return "executor-service";
        }
        return processName;
    }

    /** Sum over the processes of each service. */
    static Map<String, Double> sum(LocalCluster cluster, ToDoubleFunction<Long> measure) {
        Map<String, Double> out = new LinkedHashMap<>();
        cluster.pids().forEach((name, pid) -> out.merge(service(name), measure.applyAsDouble(pid), Double::sum));
        return out;
    }

    /** Largest single process of each service. */
    static Map<String, Double> max(LocalCluster cluster, ToDoubleFunction<Long> measure) {
        Map<String, Double> out = new LinkedHashMap<>();
        cluster.pids().forEach((name, pid) -> out.merge(service(name), measure.applyAsDouble(pid), Math::max));
        return out;
    }
}
