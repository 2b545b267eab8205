package dev.ratchet.skills.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.json.Json;
import dev.ratchet.core.skill.SkillDocument;
import dev.ratchet.core.skill.SkillFile;
import dev.ratchet.core.skill.SkillFolder;
import dev.ratchet.core.skill.trust.ReplayOutcome;
import dev.ratchet.core.store.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.sortedset.Range;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;
import io.quarkus.redis.datasource.transactions.OptimisticLockingTransactionResult;
import io.quarkus.redis.datasource.transactions.TransactionalRedisDataSource;

/**
 * Skills in Redis (the keys in docs/ARCHITECTURE.md): reads on any connection, and every change in one
 * {@code WATCH}/{@code MULTI} on {@link RedisKeys#SKILLS_GENERATION}, which the change raises: the registry's
 * writes are few (uploads, captures, replays), so one writer at a time across replicas costs nothing and no
 * decision is made on a state that changed under it.
 */
@ApplicationScoped
public class SkillStore {

    /** The trust window is at most this many replays (TrustPolicy's window is 5 by default). */
    public static final int OUTCOMES_KEPT = 100;
    private static final int MAX_CONFLICT_RETRIES = 50;

    private final RedisDataSource redis;

    SkillStore(RedisDataSource redis) {
        this.redis = redis;
    }

    /** A change decided on what {@code read} saw; false writes nothing. */
    @FunctionalInterface
    public interface Change<T> {
        boolean write(T read, TransactionalRedisDataSource tx);
    }

    /**
     * Reads, decides and writes in one optimistic transaction, again from the read when another change came first.
     *
     * @return what the last read gave (the state the change was decided on)
     */
    public <T> T transact(Function<RedisDataSource, T> read, Change<T> change) {
        for (int attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
            boolean[] wrote = {false};
            OptimisticLockingTransactionResult<T> result = redis.withTransaction(read, (seen, tx) -> {
                wrote[0] = change.write(seen, tx);
                if (wrote[0]) {
                    tx.value(Long.class).incr(RedisKeys.SKILLS_GENERATION);
                } else {
                    tx.discard();
                }
            }, RedisKeys.SKILLS_GENERATION);
            if (!wrote[0] || !result.discarded()) {
                return result.getPreTransactionResult();
            }
        }
        throw new IllegalStateException("the skills kept changing under " + MAX_CONFLICT_RETRIES + " attempts to "
                + "change them");
    }

    public RedisDataSource redis() {
        return redis;
    }

    public static Optional<SkillRecord> find(RedisDataSource ds, String name) {
        Map<String, String> fields = ds.hash(String.class).hgetall(RedisKeys.skill(name));
        return fields.isEmpty() ? Optional.empty() : Optional.of(SkillRecord.of(fields));
    }

    public Optional<SkillRecord> find(String name) {
        return find(redis, name);
    }

    /** Versions in order, oldest first. */
    public static Map<Integer, VersionRecord> versions(RedisDataSource ds, String name) {
        Map<Integer, VersionRecord> versions = new TreeMap<>();
        ds.hash(String.class).hgetall(RedisKeys.skillVersions(name)).forEach((n, json) ->
                versions.put(Integer.parseInt(n), Json.read(json, VersionRecord.class)));
        return versions;
    }

    public Map<Integer, VersionRecord> versions(String name) {
        return versions(redis, name);
    }

    /** The files of one version, read back byte for byte; empty when there is no such version. */
    public static Optional<SkillFolder> folder(RedisDataSource ds, String name, int version) {
        String json = ds.hash(String.class).hget(RedisKeys.skillVersions(name), Integer.toString(version));
        if (json == null) {
            return Optional.empty();
        }
        VersionRecord record = Json.read(json, VersionRecord.class);
        String[] hashes = record.files().stream().map(VersionRecord.FileEntry::sha256).distinct()
                .toArray(String[]::new);
        Map<String, byte[]> bytes = ds.hash(byte[].class).hmget(RedisKeys.skillFiles(name), hashes);
        Map<String, SkillFile> files = new TreeMap<>();
        for (VersionRecord.FileEntry f : record.files()) {
            byte[] content = bytes.get(f.sha256());
            if (content == null) {
                throw new IllegalStateException("skill " + name + "@" + version + " lost " + f.path());
            }
            files.put(f.path(), new SkillFile(f.path(), content, f.executable()));
        }
        SkillDocument document = SkillDocument.parse(new String(files.get(SkillFolder.SKILL_MD).content(),
                StandardCharsets.UTF_8));
        return Optional.of(new SkillFolder(name, document, files));
    }

    public Optional<SkillFolder> folder(String name, int version) {
        return folder(redis, name, version);
    }

    /** The sessions captured into the skill, oldest first. */
    public List<CaptureEntry> captures(String name) {
        List<CaptureEntry> captures = new ArrayList<>(redis.hash(String.class).hgetall(RedisKeys.skillCaptures(name))
                .values().stream().map(json -> Json.read(json, CaptureEntry.class)).toList());
        captures.sort(Comparator.comparing(c -> c.statistic().completedAt()));
        return captures;
    }

    public static Set<String> captureSessions(RedisDataSource ds, String name) {
        return Set.copyOf(ds.hash(String.class).hkeys(RedisKeys.skillCaptures(name)));
    }

    /** The skill a session's completion was captured into, if it was. */
    public static Optional<String> capturedInto(RedisDataSource ds, String sessionId) {
        return Optional.ofNullable(ds.hash(String.class).hget(RedisKeys.SKILL_SESSIONS, sessionId));
    }

    public static Set<String> shapeMembers(RedisDataSource ds, String shapeKey) {
        return ds.set(String.class).smembers(RedisKeys.skillShape(shapeKey));
    }

    public static Optional<ReplayOutcome> replay(RedisDataSource ds, String name, String sessionId) {
        return Optional.ofNullable(ds.hash(String.class).hget(RedisKeys.skillReplays(name), sessionId))
                .map(json -> Json.read(json, ReplayOutcome.class));
    }

    /** The kept outcomes, oldest first: true passed. */
    public static List<Boolean> outcomes(RedisDataSource ds, String name) {
        return ds.list(String.class).lrange(RedisKeys.skillOutcomes(name), 0, -1).stream().map("1"::equals)
                .toList();
    }

    /** Up to {@code count} names after {@code after} (null: from the first), in name order. */
    public List<String> names(String after, int count) {
        Range<String> range = after == null ? Range.unbounded() : new Range<>(after, false, null, false);
        return redis.sortedSet(String.class).zrangebylex(RedisKeys.SKILLS, range, new ZRangeArgs().limit(0, count));
    }

    public long generation() {
        Long value = redis.value(Long.class).get(RedisKeys.SKILLS_GENERATION);
        return value == null ? 0 : value;
    }

    public Optional<StoredEmbedding> embedding(String name) {
        return Optional.ofNullable(redis.value(String.class).get(RedisKeys.skillEmbedding(name)))
                .map(StoredEmbedding::of);
    }

    public static void putRecord(TransactionalRedisDataSource tx, SkillRecord record) {
        tx.hash(String.class).hset(RedisKeys.skill(record.name()), record.fields());
        tx.sortedSet(String.class).zadd(RedisKeys.SKILLS, 0, record.name());
    }

    /** The version's record and every file's bytes (a file already stored by an earlier version is stored again). */
    public static void putVersion(TransactionalRedisDataSource tx, String name, VersionRecord version,
            SkillFolder folder) {
        Map<String, byte[]> bytes = new TreeMap<>();
        folder.fileList().forEach(f -> bytes.put(f.sha256(), f.content()));
        tx.hash(byte[].class).hset(RedisKeys.skillFiles(name), bytes);
        tx.hash(String.class).hset(RedisKeys.skillVersions(name), Integer.toString(version.version()),
                Json.write(version));
    }

    public static void putEmbedding(TransactionalRedisDataSource tx, String name, StoredEmbedding embedding) {
        tx.value(String.class).set(RedisKeys.skillEmbedding(name), embedding.json());
    }

    public void putEmbedding(String name, StoredEmbedding embedding) {
        redis.value(String.class).set(RedisKeys.skillEmbedding(name), embedding.json());
    }

    public static void putCapture(TransactionalRedisDataSource tx, String name, CaptureEntry capture) {
        tx.hash(String.class).hset(RedisKeys.skillCaptures(name), capture.statistic().sessionId(), Json.write(capture));
        tx.hash(String.class).hset(RedisKeys.SKILL_SESSIONS, capture.statistic().sessionId(), name);
    }

    public static void putReplay(TransactionalRedisDataSource tx, String name, ReplayOutcome outcome) {
        tx.hash(String.class).hset(RedisKeys.skillReplays(name), outcome.sessionId(), Json.write(outcome));
        tx.list(String.class).rpush(RedisKeys.skillOutcomes(name), outcome.passed() ? "1" : "0");
        tx.list(String.class).ltrim(RedisKeys.skillOutcomes(name), -OUTCOMES_KEPT, -1);
    }

    public static void delete(TransactionalRedisDataSource tx, SkillRecord record, Set<String> captureSessions) {
        tx.key().del(RedisKeys.skillKeys(record.name()).toArray(String[]::new));
        tx.sortedSet(String.class).zrem(RedisKeys.SKILLS, record.name());
        if (record.shape() != null) {
            tx.set(String.class).srem(RedisKeys.skillShape(record.shape()), record.name());
        }
        if (!captureSessions.isEmpty()) {
            tx.hash(String.class).hdel(RedisKeys.SKILL_SESSIONS, captureSessions.toArray(String[]::new));
        }
    }
}
