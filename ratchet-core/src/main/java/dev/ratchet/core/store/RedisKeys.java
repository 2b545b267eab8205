package dev.ratchet.core.store;

/**
 * Every Redis key Ratchet uses, in one place (the key table in docs/ARCHITECTURE.md lists the same). All keys
 * start with {@code ratchet:} so a shared Redis can hold other data.
 */
public final class RedisKeys {

    /** ZSET of session ids scored by creation time (epoch ms). */
    public static final String SESSIONS = "ratchet:sessions";
    /** SET of the ids of sessions being planned: what a restarted planner must plan again. */
    public static final String PLANNING = "ratchet:sessions:planning";
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

    /** STRING with a TTL: marks an event id as handled by one consumer, so a redelivery changes nothing. */
    public static String processed(String consumer, String eventId) {
        return "ratchet:processed:" + consumer + ":" + eventId;
    }

    /** HASH: one captured skill (SKILL.md text and where it came from). */
    public static String skill(String name) {
        return "ratchet:skill:" + name;
    }
}
