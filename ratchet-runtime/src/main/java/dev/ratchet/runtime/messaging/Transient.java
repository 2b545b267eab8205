package dev.ratchet.runtime.messaging;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Whether a failure is Redis or the broker being away for a while (retry and wait), rather than something that
 * retrying cannot fix. Decided on the cause chain: I/O errors and timeouts of either client, Kafka's retriable
 * errors, and the replies Redis gives while it cannot serve yet (loading its AOF, busy, a replica without master).
 * A Redis client closed under a running handler ("Client is closed": the service is stopping) is transient too:
 * dead-lettering would take the record from the instance that takes the partition over (seen in LocalClusterIT when
 * an executor was restarted while it handled a re-sent request).
 */
public final class Transient {

    private static final List<String> REDIS_NOT_READY = List.of("LOADING", "BUSY", "MASTERDOWN", "CLUSTERDOWN",
            "TRYAGAIN", "NOREPLICAS", "READONLY");
    private static final List<String> CONNECTION_WORDS = List.of("connection is closed", "connection refused",
            "connection reset", "connection closed", "broken pipe", "connection pool reached max wait queue size",
            "not connected", "failed to connect", "client is closed");

    private Transient() {
    }

    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof org.apache.kafka.common.errors.RetriableException
                    || t instanceof org.apache.kafka.common.errors.TimeoutException
                    || t instanceof org.apache.kafka.common.errors.DisconnectException
                    || t.getClass().getName().equals("io.smallrye.mutiny.TimeoutException")) {
                return true;
            }
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (REDIS_NOT_READY.stream().anyMatch(message::startsWith)) {
                return true;
            }
            String lower = message.toLowerCase(Locale.ROOT);
            if (CONNECTION_WORDS.stream().anyMatch(lower::contains)) {
                return true;
            }
        }
        return false;
    }
}
