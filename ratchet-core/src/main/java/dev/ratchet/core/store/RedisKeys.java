package dev.ratchet.core.store;

import java.util.List;

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
    /** ZSET of skill names scored by capture time (epoch ms). */
    public static final String SKILLS = "ratchet:skills";

    private RedisKeys() {
    }

    /** HASH: the session's fields, its steps (JSON) and a version for optimistic locking. */
    public static String session(String sessionId) {
        return "ratchet:session:" + sessionId;
    }

    /** STRING: the plan as the planner model gave it (JSON list of steps). */
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

    /** HASH: one captured skill (SKILL.md text and where it came from). */
    public static String skill(String name) {
        return "ratchet:skill:" + name;
    }
}
