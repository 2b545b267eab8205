package dev.ratchet.skills.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.store.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;

/** Skills in Redis: a hash per skill and a sorted set of names by capture time. */
@ApplicationScoped
public class SkillStore {

    private final RedisDataSource redis;

    SkillStore(RedisDataSource redis) {
        this.redis = redis;
    }

    /** Stores the skill; capturing the same completion again writes the same values (its time is the event's). */
    public void save(StoredSkill skill) {
        redis.withTransaction(tx -> {
            tx.hash(String.class).hset(RedisKeys.skill(skill.name()), Map.of(
                    "name", skill.name(),
                    "description", skill.description(),
                    "skillMd", skill.skillMd(),
                    "sessionId", skill.sessionId(),
                    "repo", skill.repo(),
                    "steps", Integer.toString(skill.steps()),
                    "capturedAt", skill.capturedAt().toString()));
            tx.sortedSet(String.class).zadd(RedisKeys.SKILLS, skill.capturedAt().toEpochMilli(), skill.name());
        });
    }

    public Optional<StoredSkill> find(String name) {
        Map<String, String> f = redis.hash(String.class).hgetall(RedisKeys.skill(name));
        if (f.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new StoredSkill(f.get("name"), f.get("description"), f.get("skillMd"), f.get("sessionId"),
                f.get("repo"), Integer.parseInt(f.get("steps")), Instant.parse(f.get("capturedAt"))));
    }

    /** Most recently captured first. */
    public List<StoredSkill> recent(int limit) {
        return redis.sortedSet(String.class).zrange(RedisKeys.SKILLS, 0, limit - 1L, new ZRangeArgs().rev())
                .stream().map(this::find).flatMap(Optional::stream).toList();
    }
}
