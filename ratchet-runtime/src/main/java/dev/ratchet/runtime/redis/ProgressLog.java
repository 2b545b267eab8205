package dev.ratchet.runtime.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.ratchet.core.session.Progress;
import dev.ratchet.core.store.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.quarkus.redis.datasource.stream.XReadArgs;
import io.quarkus.redis.datasource.transactions.TransactionalRedisDataSource;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.WithDefault;

/**
 * A session's progress events in a Redis Stream: appended by the services, read by the API and the demo. Every
 * append caps the stream at about {@code ratchet.progress.max-entries} entries ({@code MAXLEN ~}), dropping the
 * oldest, so a session that loops cannot grow its stream without bound.
 */
@ApplicationScoped
public class ProgressLog {

    /** A stream entry with its id, which a reader passes back to get what came after. */
    public record Entry(String id, Progress progress) {
    }

    @ConfigMapping(prefix = "ratchet.progress")
    public interface Config {

        /**
         * Entries kept per session stream. A 3-step session writes about 15, one with 20 steps and 3 attempts each
         * about 250; 10000 keeps every entry of any real session and bounds a runaway one at about 2 MB.
         */
        @WithDefault("10000")
        long maxEntries();
    }

    private final RedisDataSource redis;
    private final Config config;

    ProgressLog(RedisDataSource redis, Config config) {
        this.redis = redis;
        this.config = config;
    }

    public void append(String sessionId, Progress progress) {
        redis.stream(String.class).xadd(RedisKeys.progress(sessionId), capped(config), fields(progress));
    }

    /** Queues the append in a transaction, so progress is stored together with the state change it reports. */
    public static void append(TransactionalRedisDataSource tx, String sessionId, Progress progress) {
        // Static for the stores that write progress inside their own transactions; the cap is the same mapping.
        Config config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(Config.class);
        tx.stream(String.class).xadd(RedisKeys.progress(sessionId), capped(config), fields(progress));
    }

    /** How many entries a stream keeps; a reader that falls further behind than this cannot catch up. */
    public long maxEntries() {
        return config.maxEntries();
    }

    public List<Entry> all(String sessionId) {
        return redis.stream(String.class).xrange(RedisKeys.progress(sessionId), StreamRange.of("-", "+")).stream()
                .map(ProgressLog::entry).toList();
    }

    /** Up to {@code count} entries after {@code afterId} (exclusive) up to {@code throughId} (inclusive, or +). */
    public List<Entry> range(String sessionId, String afterId, String throughId, int count) {
        return redis.stream(String.class).xrange(RedisKeys.progress(sessionId),
                StreamRange.of("(" + afterId, throughId), count).stream().map(ProgressLog::entry).toList();
    }

    /** The id of the newest entry, if the stream has any. */
    public Optional<String> lastId(String sessionId) {
        return redis.stream(String.class).xrevrange(RedisKeys.progress(sessionId), StreamRange.of("+", "-"), 1)
                .stream().map(StreamMessage::id).findFirst();
    }

    /**
     * One {@code XREAD BLOCK} over several sessions' streams: what came after each given id, waiting up to
     * {@code block} for anything. A blocked read holds its connection, so {@code connection} must be the caller's
     * own, never the pool the consumers share.
     *
     * @return the new entries by session id (sessions without any are absent)
     */
    public static Map<String, List<Entry>> follow(RedisDataSource connection, Map<String, String> afterBySession,
            Duration block, int count) {
        Map<String, String> keys = new HashMap<>();
        Map<String, String> cursors = new HashMap<>();
        afterBySession.forEach((session, after) -> {
            keys.put(RedisKeys.progress(session), session);
            cursors.put(RedisKeys.progress(session), after);
        });
        List<StreamMessage<String, String, String>> messages = connection.stream(String.class)
                .xread(cursors, new XReadArgs().block(block).count(count));
        Map<String, List<Entry>> bySession = new LinkedHashMap<>();
        if (messages != null) {
            for (StreamMessage<String, String, String> m : messages) {
                bySession.computeIfAbsent(keys.get(m.key()), k -> new ArrayList<>()).add(entry(m));
            }
        }
        return bySession;
    }

    private static XAddArgs capped(Config config) {
        return new XAddArgs().maxlen(config.maxEntries()).nearlyExactTrimming();
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
        if (p.variant() != null) {
            fields.put("variant", Integer.toString(p.variant()));
        }
        return fields;
    }

    private static Entry entry(StreamMessage<String, String, String> m) {
        Map<String, String> f = m.payload();
        String variant = f.get("variant");   // absent from one-variant lines and every line stored before it
        return new Entry(m.id(), new Progress(f.get("type"), f.get("stepId"),
                Integer.parseInt(f.getOrDefault("attempt", "0")), f.get("message"), Instant.parse(f.get("at")),
                variant == null ? null : Integer.valueOf(variant)));
    }
}
