package dev.ratchet.skills.registry;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.skill.RatchetSkill;
import dev.ratchet.core.skill.SkillDocument;
import dev.ratchet.core.skill.SkillFile;
import dev.ratchet.core.skill.SkillFolder;
import dev.ratchet.core.skill.capture.Capture;
import dev.ratchet.core.skill.capture.PlanShape;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.skills.config.SkillsConfig;
import dev.ratchet.skills.search.SkillEmbeddings;
import dev.ratchet.skills.store.CaptureEntry;
import dev.ratchet.skills.store.SkillRecord;
import dev.ratchet.skills.store.SkillStore;
import dev.ratchet.skills.store.VersionRecord;
import io.quarkus.redis.datasource.RedisDataSource;

/**
 * Captures without clutter: a completed session's skill folds into an existing captured skill of the same shape
 * (same checks, same step count, steps that say much the same), as a statistic when it says the same, or as a new
 * version when it says it differently; only a plan no skill has yet becomes a new skill (a {@code candidate}). A
 * redelivered completion changes nothing.
 */
@ApplicationScoped
public class CaptureFolding {

    private final SkillStore store;
    private final SkillEmbeddings embeddings;
    private final SkillsConfig config;

    CaptureFolding(SkillStore store, SkillEmbeddings embeddings, SkillsConfig config) {
        this.store = store;
        this.embeddings = embeddings;
        this.config = config;
    }

    /** What a capture became. */
    public record Captured(String name, int version, Kind kind) {

        public enum Kind {
            NEW_SKILL, NEW_VERSION, STATISTIC, ALREADY_CAPTURED
        }
    }

    /** The decision, made on what one transaction read. */
    private record Decision(Captured.Kind kind, String name, SkillRecord existing, SkillFolder folder) {
    }

    /**
     * @param team the team that owns the completed session (from its stored record): only its own skills are folded
     *             into, and a new skill is its; null when the session's record is gone, which no team then owns
     */
    public Captured capture(Capture capture, String team) {
        Instant now = Instant.now();
        Captured[] result = new Captured[1];
        store.transact(ds -> decide(ds, capture, team), (d, tx) -> {
            if (d.kind() == Captured.Kind.ALREADY_CAPTURED) {
                result[0] = new Captured(d.name(), 0, d.kind());
                return false;
            }
            SkillRecord record = switch (d.kind()) {
                case STATISTIC -> d.existing().touched(now);
                case NEW_VERSION -> d.existing().withVersion(d.existing().latest() + 1,
                        d.folder().document().description(), now);
                default -> new SkillRecord(d.name(), d.folder().document().description(), null, null, 1,
                        SkillRecord.CAPTURED, now, now, capture.shape().key(), -1, 0, 0, 0, 0, team)
                        .withStanding(config.trust().policy().judge(List.of(), false));
            };
            if (d.kind() != Captured.Kind.STATISTIC) {
                SkillStore.putVersion(tx, d.name(), VersionRecord.of(record.latest(), d.folder(),
                        capture.statistic().sessionId(), now), d.folder());
                embeddings.embedding(d.folder().document(), Optional.empty())
                        .ifPresent(e -> SkillStore.putEmbedding(tx, d.name(), e));
            }
            if (d.kind() == Captured.Kind.NEW_SKILL) {
                tx.set(String.class).sadd(RedisKeys.skillShape(capture.shape().key()), d.name());
            }
            SkillStore.putRecord(tx, record);
            SkillStore.putCapture(tx, d.name(), new CaptureEntry(record.latest(), capture.statistic()));
            result[0] = new Captured(d.name(), record.latest(), d.kind());
            return true;
        });
        return result[0];
    }

    private Decision decide(RedisDataSource ds, Capture capture, String team) {
        Optional<String> already = SkillStore.capturedInto(ds, capture.statistic().sessionId());
        if (already.isPresent()) {
            return new Decision(Captured.Kind.ALREADY_CAPTURED, already.get(), null, null);
        }
        String best = null;
        double bestSimilarity = config.capture().foldSimilarity();
        SkillFolder bestFolder = null;
        // sorted: the same candidates in the same order on every replica
        for (String name : new TreeSet<>(SkillStore.shapeMembers(ds, capture.shape().key()))) {
            // Another team's skill of the same shape stays its own: teams never fold into each other's skills.
            Optional<SkillRecord> record = SkillStore.find(ds, name).filter(r -> Objects.equals(r.team(), team));
            Optional<SkillFolder> latest = record.flatMap(r -> SkillStore.folder(ds, name, r.latest()));
            Optional<RatchetSkill> data = latest.flatMap(f -> RatchetSkill.of(f.document()));
            if (data.isPresent()) {
                double similarity = PlanShape.of(data.get().plan(), data.get().checks()).similarity(capture.shape());
                if (similarity >= bestSimilarity) {
                    best = name;
                    bestSimilarity = similarity;
                    bestFolder = latest.get();
                }
            }
        }
        if (best == null) {
            String name = freeName(ds, capture.document().name());
            return new Decision(Captured.Kind.NEW_SKILL, name, null, folder(capture.named(name).document(), null));
        }
        SkillDocument folded = capture.named(best).document();
        SkillRecord existing = SkillStore.find(ds, best).orElseThrow();
        if (Capture.contentKey(bestFolder.document()).equals(Capture.contentKey(folded))) {
            return new Decision(Captured.Kind.STATISTIC, best, existing, bestFolder);
        }
        return new Decision(Captured.Kind.NEW_VERSION, best, existing, folder(folded, bestFolder));
    }

    /** The captured SKILL.md, with the other files of the version it follows (a person may have added some). */
    private SkillFolder folder(SkillDocument document, SkillFolder previous) {
        byte[] skillMd = document.render().getBytes(StandardCharsets.UTF_8);
        int limit = config.archive().maxSkillMdBytes();
        return previous != null ? previous.withSkillMd(skillMd, limit)
                : SkillFolder.of(null, List.of(new SkillFile(SkillFolder.SKILL_MD, skillMd, false)), limit);
    }

    /** {@code base}, or {@code base-2}, {@code base-3}... when another skill has it (cut to fit 64 characters). */
    static String freeName(RedisDataSource ds, String base) {
        String name = base;
        for (int n = 2; SkillStore.find(ds, name).isPresent(); n++) {
            String suffix = "-" + n;
            String stem = base.length() + suffix.length() <= SkillDocument.MAX_NAME ? base
                    : base.substring(0, SkillDocument.MAX_NAME - suffix.length()).replaceAll("-+$", "");
            name = stem + suffix;
        }
        return name;
    }
}
