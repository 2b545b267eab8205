package dev.ratchet.skills.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.skill.SkillFile;
import dev.ratchet.core.skill.SkillFolder;
import dev.ratchet.core.skill.trust.ReplayOutcome;
import dev.ratchet.core.skill.trust.SkillStatus;
import dev.ratchet.core.skill.trust.Standing;
import dev.ratchet.core.skill.trust.TrustPolicy;
import dev.ratchet.runtime.rest.ProblemException;
import dev.ratchet.skills.config.SkillsConfig;
import dev.ratchet.skills.search.SkillEmbeddings;
import dev.ratchet.skills.store.SkillRecord;
import dev.ratchet.skills.store.SkillStore;
import dev.ratchet.skills.store.StoredEmbedding;
import dev.ratchet.skills.store.VersionRecord;

/**
 * What changes skills: uploads (a new version only when the content changed), deletion, a person's approval or
 * its withdrawal, and replay outcomes. Captures fold in {@link CaptureFolding}. Every change is one transaction
 * of {@link SkillStore}.
 */
@ApplicationScoped
public class SkillRegistry {

    /** The front of a withdrawn skill's status reason, so the listing says why it is not trusted. */
    static final String WITHDRAWN = "trust withdrawn by a person; ";

    private final SkillStore store;
    private final SkillEmbeddings embeddings;
    private final SkillsConfig config;

    SkillRegistry(SkillStore store, SkillEmbeddings embeddings, SkillsConfig config) {
        this.store = store;
        this.embeddings = embeddings;
        this.config = config;
    }

    /** The outcome of an upload: {@code newVersion} false when the same content was already the latest. */
    public record Published(String name, int version, boolean newVersion, boolean newSkill) {
    }

    private record Current(Optional<SkillRecord> record, String latestDigest) {
    }

    /**
     * Who publishes: a new skill becomes {@code team}'s; a new version of an existing skill needs {@code mayAccess}
     * to allow the skill's team (a caller's own team, or any for an admin key).
     */
    public record Publisher(String team, Predicate<String> mayAccess) {
    }

    /** An uploaded SKILL.md alone: the latest version's other files are kept with it. */
    public Published publishSkillMd(byte[] skillMd, Publisher publisher) {
        int limit = config.archive().maxSkillMdBytes();
        String name = SkillFolder.document(skillMd, limit).name();
        SkillFolder single = SkillFolder.of(null, List.of(new SkillFile(SkillFolder.SKILL_MD, skillMd, false)), limit);
        Optional<SkillRecord> existing = store.find(name);
        existing.ifPresent(r -> owned(r, publisher));
        Optional<SkillFolder> latest = existing.flatMap(r -> store.folder(name, r.latest()));
        return publish(latest.map(f -> f.withSkillMd(skillMd, limit)).orElse(single), publisher);
    }

    /** @throws ProblemException 403 when {@code publisher} may not change {@code record}'s skill */
    private static void owned(SkillRecord record, Publisher publisher) {
        if (!publisher.mayAccess().test(record.team())) {
            throw ProblemException.forbidden("skill " + record.name() + " belongs to another team than "
                    + publisher.team() + "'s");
        }
    }

    public Published publish(SkillFolder folder, Publisher publisher) {
        String name = folder.name();
        Optional<StoredEmbedding> stored = store.embedding(name);
        Optional<StoredEmbedding> embedding = embeddings.embedding(folder.document(), stored);
        Instant now = Instant.now();
        Published[] result = new Published[1];
        store.transact(ds -> {
            Optional<SkillRecord> record = SkillStore.find(ds, name);
            VersionRecord latest = record.map(r -> SkillStore.versions(ds, name).get(r.latest())).orElse(null);
            return new Current(record, latest == null ? null : latest.digest());
        }, (current, tx) -> {
            // Decided on the state this transaction read: a skill of the same name another team made meanwhile
            // is refused (after the transaction: nothing is written), not given a version.
            if (current.record().filter(r -> !publisher.mayAccess().test(r.team())).isPresent()) {
                return false;
            }
            if (folder.digest().equals(current.latestDigest())) {
                result[0] = new Published(name, current.record().orElseThrow().latest(), false, false);
                return false;
            }
            int version = current.record().map(r -> r.latest() + 1).orElse(1);
            SkillRecord record = current.record().map(r -> r.withVersion(version, folder.document().description(),
                    now)).orElseGet(() -> new SkillRecord(name, folder.document().description(), null, null, 1,
                            SkillRecord.UPLOADED, now, now, null, -1, 0, 0, 0, 0, publisher.team())
                            .withStanding(policy().judge(List.of(), false)));
            SkillStore.putVersion(tx, name, VersionRecord.of(version, folder, VersionRecord.UPLOAD, now), folder);
            SkillStore.putRecord(tx, record);
            embedding.filter(e -> !stored.equals(Optional.of(e))).ifPresent(e -> SkillStore.putEmbedding(tx, name, e));
            result[0] = new Published(name, version, true, current.record().isEmpty());
            return true;
        }).record().ifPresent(r -> owned(r, publisher));
        return result[0];
    }

    /** @return false when there was no such skill */
    public boolean delete(String name) {
        return store.transact(ds -> SkillStore.find(ds, name).map(r -> new Deletion(r,
                SkillStore.captureSessions(ds, name))), (found, tx) -> {
                    found.ifPresent(d -> SkillStore.delete(tx, d.record(), d.sessions()));
                    return found.isPresent();
                }).isPresent();
    }

    private record Deletion(SkillRecord record, Set<String> sessions) {
    }

    /** A person's approval: trusted from now on, until replays after it fail too often. */
    public Optional<SkillRecord> trust(String name) {
        Instant now = Instant.now();
        store.transact(ds -> SkillStore.find(ds, name), (found, tx) -> {
            found.ifPresent(r -> SkillStore.putRecord(tx, r.approved(now).withStanding(policy().judge(List.of(),
                    true))));
            return found.isPresent();
        });
        return store.find(name);
    }

    /**
     * A person's trust withdrawn: the approval (if any) is gone and the replays so far no longer count, so the skill
     * is a candidate, never applied without the planner model, until as many replays pass after this as make any
     * skill trusted ({@code ratchet.skills.trust.after}) or a person trusts it again. A degraded skill stays degraded
     * only on replays after this.
     */
    public Optional<SkillRecord> untrust(String name) {
        Instant now = Instant.now();
        store.transact(ds -> SkillStore.find(ds, name), (found, tx) -> {
            found.ifPresent(r -> {
                Standing judged = policy().judge(List.of(), false);
                SkillStore.putRecord(tx, r.withdrawn(now).withStanding(new Standing(judged.status(),
                        WITHDRAWN + judged.reason())));
            });
            return found.isPresent();
        });
        return store.find(name);
    }

    /** The replay's outcome counted once per session; the status judged again on the outcomes since approval. */
    public Optional<SkillRecord> recordReplay(String name, ReplayOutcome outcome) {
        Instant now = Instant.now();
        store.transact(ds -> SkillStore.find(ds, name).filter(r -> SkillStore.replay(ds, name, outcome.sessionId())
                .isEmpty()).map(r -> new Replaying(r, SkillStore.outcomes(ds, name))), (found, tx) -> {
                    if (found.isEmpty()) {
                        return false;
                    }
                    List<Boolean> outcomes = new ArrayList<>(found.get().outcomes());
                    outcomes.add(outcome.passed());
                    SkillRecord after = found.get().record().replayed(outcome.passed(), outcome.tokens(),
                            outcome.wallMs(), now);
                    SkillStore.putReplay(tx, name, outcome);
                    SkillStore.putRecord(tx, after.withStanding(judged(after, outcomes)));
                    return true;
                });
        return store.find(name);
    }

    private record Replaying(SkillRecord record, List<Boolean> outcomes) {
    }

    /** The status on the outcomes since a person's last word; a withdrawal says so while it keeps the skill back. */
    Standing judged(SkillRecord record, List<Boolean> kept) {
        Standing standing = policy().judge(sinceApproval(record, kept), record.approved());
        return record.withdrawn() && standing.status() == SkillStatus.CANDIDATE
                ? new Standing(standing.status(), WITHDRAWN + standing.reason()) : standing;
    }

    /** The kept outcomes after a person's approval or withdrawal (all of them without either). */
    static List<Boolean> sinceApproval(SkillRecord record, List<Boolean> kept) {
        if (record.decidedAtReplay() < 0) {
            return kept;
        }
        long since = record.replays() - record.decidedAtReplay();
        return kept.subList((int) Math.max(0, kept.size() - since), kept.size());
    }

    TrustPolicy policy() {
        return config.trust().policy();
    }
}
