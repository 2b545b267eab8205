package dev.ratchet.skills.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.ratchet.core.skill.SkillFile;
import dev.ratchet.core.skill.SkillFolder;
import dev.ratchet.core.skill.SkillInvalidException;
import dev.ratchet.core.skill.trust.SkillStatus;
import dev.ratchet.core.skill.trust.Standing;
import dev.ratchet.core.store.RedisKeys;
import io.quarkus.runtime.StartupEvent;

/**
 * Skills stored by the first registry (one hash per capture holding {@code skillMd}, names scored by capture time)
 * become version 1 of a skill at start-up, so a Redis kept across upgrades (the local cluster's AOF) loses none.
 * Runs again at the next start if Redis was away; a skill already migrated is left alone.
 */
@ApplicationScoped
public class LegacySkills {

    private static final Logger LOG = Logger.getLogger(LegacySkills.class);

    private final SkillStore store;

    LegacySkills(SkillStore store) {
        this.store = store;
    }

    void migrate(@Observes StartupEvent started) {
        try {
            for (String name : store.redis().sortedSet(String.class).zrange(RedisKeys.SKILLS, 0, -1)) {
                Map<String, String> fields = store.redis().hash(String.class).hgetall(RedisKeys.skill(name));
                if (fields.containsKey("skillMd") && !fields.containsKey("latest")) {
                    migrate(name, fields);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("skills of the first registry not migrated now (%s); the next start tries again", e.toString());
        }
    }

    private void migrate(String name, Map<String, String> legacy) {
        SkillFolder folder;
        try {
            folder = SkillFolder.of(name, List.of(new SkillFile(SkillFolder.SKILL_MD,
                    legacy.get("skillMd").getBytes(StandardCharsets.UTF_8), false)), Integer.MAX_VALUE);
        } catch (SkillInvalidException e) {
            LOG.warnf("skill %s of the first registry is not valid and stays as it was: %s", name, e.getMessage());
            return;
        }
        Instant at = legacy.containsKey("capturedAt") ? Instant.parse(legacy.get("capturedAt")) : Instant.now();
        String source = legacy.getOrDefault("sessionId", VersionRecord.UPLOAD);
        SkillRecord record = new SkillRecord(name, folder.document().description(), null, null, 1,
                SkillRecord.CAPTURED, at, at, null, -1, 0, 0, 0, 0, null)
                .withStanding(new Standing(SkillStatus.CANDIDATE, "captured by the first registry; no replays yet"));
        store.transact(ds -> ds.hash(String.class).hexists(RedisKeys.skill(name), "latest"), (migrated, tx) -> {
            if (migrated) {
                return false;
            }
            tx.key().del(RedisKeys.skill(name));
            SkillStore.putVersion(tx, name, VersionRecord.of(1, folder, source, at), folder);
            SkillStore.putRecord(tx, record);
            return true;
        });
        LOG.infof("skill %s of the first registry is now %s@1", name, name);
    }
}
