package dev.ratchet.runtime.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.session.Progress;
import dev.ratchet.core.store.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XReadArgs;
import io.quarkus.redis.datasource.transactions.TransactionalRedisDataSource;

/** A session's progress events in a Redis Stream: appended by the services, read by the API and the demo. */
@ApplicationScoped
public class ProgressLog {

    /** A stream entry with its id, which a reader passes back to get what came after. */
    public record Entry(String id, Progress progress) {
    }

    private final RedisDataSource redis;

    ProgressLog(RedisDataSource redis) {
        this.redis = redis;
    }

    public void append(String sessionId, Progress progress) {
        redis.stream(String.class).xadd(RedisKeys.progress(sessionId), fields(progress));
    }

    /** Queues the append in a transaction, so progress is stored together with the state change it reports. */
    public static void append(TransactionalRedisDataSource tx, String sessionId, Progress progress) {
        tx.stream(String.class).xadd(RedisKeys.progress(sessionId), fields(progress));
    }

    public List<Entry> all(String sessionId) {
        return redis.stream(String.class).xrange(RedisKeys.progress(sessionId), StreamRange.of("-", "+")).stream()
                .map(ProgressLog::entry).toList();
    }

    /** Entries after {@code afterId} ({@code 0-0} for all), waiting up to {@code wait} for the first one. */
    public List<Entry> after(String sessionId, String afterId, Duration wait) {
        XReadArgs args = new XReadArgs().count(500);
        if (!wait.isZero()) {
            args.block(wait);
        }
        List<StreamMessage<String, String, String>> messages = redis.stream(String.class)
                .xread(RedisKeys.progress(sessionId), afterId, args);
        return messages == null ? List.of() : messages.stream().map(ProgressLog::entry).toList();
    }

    private static Map<String, String> fields(Progress p) {
        Map<String, String> fields = new HashMap<>();
        fields.put("type", p.type());
        fields.put("message", p.message());
        fields.put("at", p.at().toString());
        fields.put("attempt", Integer.toString(p.attempt()));
        if (p.stepId() != null) {
            fields.put("stepId", p.stepId());
        }
        return fields;
    }

    private static Entry entry(StreamMessage<String, String, String> m) {
        Map<String, String> f = m.payload();
        return new Entry(m.id(), new Progress(f.get("type"), f.get("stepId"),
                Integer.parseInt(f.getOrDefault("attempt", "0")), f.get("message"), Instant.parse(f.get("at"))));
    }
}
