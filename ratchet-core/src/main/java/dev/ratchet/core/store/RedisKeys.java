package dev.ratchet.core.store;

import java.util.List;

import dev.ratchet.core.skill.Digests;

/**
 * Every Redis key Ratchet uses, in one place (the key table in docs/ARCHITECTURE.md lists the same). All keys
 * start with {@code ratchet:} so a shared Redis can hold other data.
 */
public final class RedisKeys {

    /** ZSET of session ids scored by creation time (epoch ms). */
    public static final String SESSIONS = "ratchet:sessions";
    /**
     * ZSET of unfinished session ids scored by their next deadline (epoch ms): when the reaper must look at the
     * session again. Written by the planner with every change, pushed forward by the leases of whoever works on it.
     */
    public static final String DEADLINES = "ratchet:deadlines";
    /** ZSET of session ids with decided but not yet published events, scored by when they were stored (epoch ms). */
    public static final String OUTBOX = "ratchet:outbox";
    /** STRING with a TTL: which planner replica's reaper acts now (one at a time). */
    public static final String REAPER_LOCK = "ratchet:reaper:lock";
    /** ZSET of skill names, all scored 0 so that they are listed in name order (cursor: the last name seen). */
    public static final String SKILLS = "ratchet:skills";
    /** HASH: session id to the skill its completion was captured into, so a redelivered completion adds nothing. */
    public static final String SKILL_SESSIONS = "ratchet:skills:sessions";
    /**
     * STRING counter, raised by every change to any skill: registry transactions WATCH it (one writer at a time,
     * across replicas) and search reloads its index when it moved.
     */
    public static final String SKILLS_GENERATION = "ratchet:skills:generation";
    /** SET of API key ids, to list the keys ({@code GET /api/v1/keys}). */
    public static final String API_KEYS = "ratchet:apikeys";

    private RedisKeys() {
    }

    /**
     * The field of {@link #session} holding the team that owns the session: written once with its first decision
     * (planner), read wherever ownership decides (the skills registry's captures).
     */
    public static final String SESSION_TEAM = "team";

    /** HASH: the session's fields, its steps (JSON) and a version for optimistic locking. */
    public static String session(String sessionId) {
        return "ratchet:session:" + sessionId;
    }

    /** STRING: the plan as given (JSON list of steps): by the planner model, a skill, or a person's edit. */
    public static String plan(String sessionId) {
        return session(sessionId) + ":plan";
    }

    /** LIST: the accepted patches in order; element k takes the tree from after step k-1 to after step k. */
    public static String patches(String sessionId) {
        return session(sessionId) + ":patches";
    }

    /** STREAM: the session's progress events, one entry each. */
    public static String progress(String sessionId) {
        return session(sessionId) + ":progress";
    }

    /**
     * HASH of work leases, field {@code <role>:<eventId>} (e.g. {@code executor:<request id>}, or
     * {@code planner:planning}), value {@code <owner>|<expiry epoch ms>}: who works on what, renewed while the work
     * runs. A field whose expiry passed is work whose owner stopped.
     */
    public static String work(String sessionId) {
        return session(sessionId) + ":work";
    }

    /**
     * HASH of decided outcomes, field {@code <role>:<eventId of what was answered>}, value the answering event's
     * JSON: written once, re-sent as it is whenever the same question comes again.
     */
    public static String outcomes(String sessionId) {
        return session(sessionId) + ":outcomes";
    }

    /** HASH of the session's large payloads (patches), field = SHA-256 of the content. */
    public static String blobs(String sessionId) {
        return session(sessionId) + ":blobs";
    }

    /** HASH of decided events not yet acknowledged by the broker, field = session version, value = the events. */
    public static String outbox(String sessionId) {
        return session(sessionId) + ":outbox";
    }

    /** Every key that belongs to one session, so they expire together once it is over. */
    public static List<String> sessionKeys(String sessionId) {
        return List.of(session(sessionId), plan(sessionId), patches(sessionId), progress(sessionId),
                work(sessionId), outcomes(sessionId), blobs(sessionId), outbox(sessionId));
    }

    /**
     * HASH: one API key's team, role, salt, salted SHA-256 of its secret, creation and last use
     * ({@code dev.ratchet.core.auth.StoredKey}); never the secret. Deleted when the key is revoked.
     */
    public static String apiKey(String keyId) {
        return "ratchet:apikey:" + keyId;
    }

    /**
     * STRING with a 7-day TTL: a GitHub delivery ({@code X-GitHub-Delivery}) that started a session, value the
     * session id ({@code pending} while it starts); a redelivery starts nothing.
     */
    public static String githubDelivery(String deliveryId) {
        return "ratchet:hooks:github:" + deliveryId;
    }

    /**
     * STRING with a 7-day TTL: a CI system's CloudEvent that started a session, by the SHA-256 of its
     * {@code source} and {@code id} (which together identify an event; hashed so that the key stays short whatever
     * they hold), value the session id ({@code pending} while it starts); the same event again starts nothing.
     */
    public static String cloudEvent(String source, String id) {
        return "ratchet:hooks:cloudevents:" + Digests.sha256(source + "\n" + id);
    }

    /** STRING with a TTL: marks an event id as handled by one consumer, so a redelivery changes nothing. */
    public static String processed(String consumer, String eventId) {
        return "ratchet:processed:" + consumer + ":" + eventId;
    }

    /**
     * STRING with a TTL ({@code ratchet.verifier.cache-ttl}): the verification cache, one check's result and output
     * for one resulting tree, command and check environment ({@code dev.ratchet.core.checks.VerifyCacheKey}); shared
     * by every session, so an identical tree is never checked twice.
     */
    public static String verifyCache(String key) {
        return "ratchet:verify-cache:" + key;
    }

    /**
     * HASH: one skill: description, status and its reason, latest version, origin, times, approval and the replay
     * totals.
     */
    public static String skill(String name) {
        return "ratchet:skill:" + name;
    }

    /** HASH: version number to the version's record (JSON: digest, source, time, files with their hashes). */
    public static String skillVersions(String name) {
        return skill(name) + ":versions";
    }

    /** HASH: SHA-256 to a file's bytes, shared by the versions that hold the same file. */
    public static String skillFiles(String name) {
        return skill(name) + ":files";
    }

    /** HASH: session id to the statistic of a session captured into the skill (JSON). */
    public static String skillCaptures(String name) {
        return skill(name) + ":captures";
    }

    /** HASH: session id to the outcome of a session that replayed the skill (JSON), each counted once. */
    public static String skillReplays(String name) {
        return skill(name) + ":replays";
    }

    /** LIST: the last 100 replay outcomes, {@code 1} passed, {@code 0} failed, oldest first (the trust window). */
    public static String skillOutcomes(String name) {
        return skill(name) + ":outcomes";
    }

    /** STRING: the skill's embedding (JSON: model, digest of the text embedded, vector as base64 float32). */
    public static String skillEmbedding(String name) {
        return skill(name) + ":embedding";
    }

    /** Every key of one skill, deleted together. */
    public static List<String> skillKeys(String name) {
        return List.of(skill(name), skillVersions(name), skillFiles(name), skillCaptures(name), skillReplays(name),
                skillOutcomes(name), skillEmbedding(name));
    }

    /**
     * SET of the team's unfinished session ids: added when a session is created, removed in the transaction that
     * finishes it. Its size is what {@code ratchet.teams.<team>.max-concurrent-sessions} is held to.
     */
    public static String teamSessions(String team) {
        return "ratchet:team:" + team + ":sessions";
    }

    /**
     * STRING counter with a TTL of one request window: the team's API requests in the window that runs
     * ({@code ratchet.teams.<team>.max-requests} per {@code request-window}).
     */
    public static String requestRate(String team) {
        return "ratchet:team:" + team + ":requests";
    }

    /**
     * HASH of the team's usage on one UTC day ({@code YYYY-MM-DD}), fields {@code <role>.tokensIn},
     * {@code <role>.tokensOut}, {@code sessions}, {@code verifiedSteps} ({@code dev.ratchet.core.usage.UsageCounters});
     * expires after {@code ratchet.limits.usage-retention}.
     */
    public static String usage(String team, String day) {
        return "ratchet:team:" + team + ":usage:" + day;
    }

    /** SET: names of the captured skills of one plan shape (checks and step count), the candidates to fold into. */
    public static String skillShape(String shapeKey) {
        return "ratchet:skills:shape:" + shapeKey;
    }
}
