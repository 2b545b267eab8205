package dev.ratchet.runtime.messaging;

/**
 * Reactive Messaging channel names, one per topic (the channel configuration in each service's
 * application.properties maps it to the topic of the same meaning in {@link dev.ratchet.core.event.Topics}).
 */
public final class Channels {

    public static final String STEPS_REQUESTED = "steps-requested";
    public static final String STEPS_EXECUTED = "steps-executed";
    public static final String STEPS_VERDICTS = "steps-verdicts";
    public static final String SESSIONS_EVENTS = "sessions-events";
    public static final String CI_EVENTS = "ci-events";

    private Channels() {
    }
}
