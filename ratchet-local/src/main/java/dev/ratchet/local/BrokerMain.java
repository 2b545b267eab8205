package dev.ratchet.local;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * Entry point of the Kafka child process: formats the KRaft storage, then runs the real broker
 * ({@code kafka.Kafka}, the same main class as kafka-server-start.sh). It exits when the launcher dies.
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    /** Arguments: server.properties path, cluster id, launcher pid. */
    public static void main(String[] args) throws Exception {
        String properties = args[0];
        int formatted = kafka.tools.StorageTool.execute(new String[] {"format", "-t", args[1], "-c", properties,
                "--ignore-formatted"}, new PrintStream(System.out, true));
        if (formatted != 0) {
            System.err.println("formatting the Kafka log directory failed with " + formatted);
            System.exit(formatted);
        }
        watchParent(Long.parseLong(args[2]));
        kafka.Kafka.main(new String[] {properties});
    }

    private static void watchParent(long pid) {
        ProcessHandle.of(pid).ifPresent(parent -> {
            Thread watchdog = new Thread(() -> {
                while (parent.isAlive()) {
                    try {
                        TimeUnit.SECONDS.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                System.err.println("launcher " + pid + " is gone; stopping the broker");
                System.exit(0);
            }, "ratchet-parent-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        });
    }
}
