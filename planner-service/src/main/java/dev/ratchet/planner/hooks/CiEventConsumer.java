package dev.ratchet.planner.hooks;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.ratchet.core.event.PoisonEventException;
import dev.ratchet.core.hooks.CiEvent;
import dev.ratchet.core.hooks.CiEvents;
import dev.ratchet.core.hooks.PayloadException;
import dev.ratchet.runtime.messaging.Channels;
import dev.ratchet.runtime.messaging.Redelivery;
import dev.ratchet.runtime.metrics.RatchetMetrics;
import dev.ratchet.runtime.rest.ProblemException;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * CI systems' CloudEvents from the {@code ratchet.ci.events} topic (the Kafka protocol binding, structured or
 * binary mode), mapped like {@code POST /hooks/cloudevents}'s. There is no API key on a record: who may write to
 * the topic (the broker's ACLs) is the authority, and the mapped repository's configured team owns the session. A
 * record that is no valid CloudEvent, lacks what its template reads or cannot start a session (a repository
 * outside its team's roots, a team at its limits) goes to the dead-letter topic with the reason, for a person to
 * fix and replay; the consumer goes on. An unmapped type or repository is logged and counted, not dead-lettered.
 */
@ApplicationScoped
public class CiEventConsumer {

    private static final Logger LOG = Logger.getLogger(CiEventConsumer.class);
    /** The topic's writers are trusted as the configuration is: no caller's team to check. */
    private static final BiConsumer<String, String> ANY_TEAM = (team, repository) -> {
    };

    private final CiEventSessions starts;
    private final Redelivery redelivery;
    private final RatchetMetrics metrics;

    CiEventConsumer(CiEventSessions starts, Redelivery redelivery, RatchetMetrics metrics) {
        this.starts = starts;
        this.redelivery = redelivery;
        this.metrics = metrics;
    }

    @Incoming(Channels.CI_EVENTS)
    @Blocking(ordered = false)
    public void consume(ConsumerRecord<String, String> record) {
        CiEvent event;
        try {
            event = CiEvents.kafka(headers(record), record.value() == null ? null
                    : record.value().getBytes(StandardCharsets.UTF_8));
        } catch (PayloadException e) {
            throw new PoisonEventException("not a valid CloudEvent: " + e.getMessage());
        }
        String what = "CloudEvent " + event.id() + " from " + event.source();
        redelivery.handle(what, () -> start(event, what));
    }

    private void start(CiEvent event, String what) {
        CiEventSessions.Outcome outcome;
        try {
            outcome = starts.start(event, ANY_TEAM);
        } catch (PayloadException e) {
            throw new PoisonEventException(what + " lacks what its template reads: " + e.getMessage());
        } catch (ProblemException e) {
            // The API's answer as it would be to a person: 400 invalid repository, 403 outside the team's roots,
            // 429 a team at its concurrent-session limit. Sent again unchanged it would fail the same way.
            throw new PoisonEventException(what + " cannot start a session: " + e.status() + " " + e.title() + ": "
                    + e.getMessage());
        }
        LOG.infof("%s (%s): %s%s", what, event.type(), outcome.result().name().toLowerCase(), outcome.session() == null
                ? ", " + outcome.reason() : " session " + outcome.session() + ", " + outcome.reason());
        metrics.outcome("planner_ci_events", outcome.result().name().toLowerCase());
    }

    /** The record's headers as text, by name; the last of a repeated name wins, as in an HTTP header map. */
    private static Map<String, String> headers(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}
