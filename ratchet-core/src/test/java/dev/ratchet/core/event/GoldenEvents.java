package dev.ratchet.core.event;

import static dev.ratchet.core.event.EventType.SESSION_COMPLETED;
import static dev.ratchet.core.event.EventType.SESSION_CREATED;
import static dev.ratchet.core.event.EventType.SESSION_FAILED;
import static dev.ratchet.core.event.EventType.STEP_EXECUTED;
import static dev.ratchet.core.event.EventType.STEP_REJECTED;
import static dev.ratchet.core.event.EventType.STEP_REQUESTED;
import static dev.ratchet.core.event.EventType.STEP_VERIFIED;

import java.util.List;
import java.util.UUID;

/**
 * Golden values of the event contract, written down once as literals so that no test computes its expectation
 * with the code under test. Consumers drop a duplicate by its event id, and a re-sent decision is recognised
 * because its id is derived from what it is about: if the derivation or a type name changed silently, a
 * redeployed service would take every re-delivered event for a new one. Such a change must edit a row here.
 *
 * <p>Each row: the type, its CloudEvents {@code type} (the {@code ce_type} header), and the id {@link EventIds}
 * derives for the coordinates {@link SampleEvents} uses: session {@link SampleEvents#SESSION}; for step events
 * also step {@code s2}, attempt 2, variant 1. The ids were computed once, outside the code under test, as
 * {@code UUID.nameUUIDFromBytes(utf8("<ce type>|<session>"))} for session events and
 * {@code UUID.nameUUIDFromBytes(utf8("<ce type>|<session>|s2|2|1"))} for step events. The type name is part of
 * the id, so a renamed type (a payload change is a new {@code .vN}) is one edited row: its name and its id.
 */
final class GoldenEvents {

    record Row(EventType type, String ceType, UUID id) {

        boolean stepEvent() {
            return type == STEP_REQUESTED || type == STEP_EXECUTED || type == STEP_VERIFIED || type == STEP_REJECTED;
        }

        @Override
        public String toString() {
            return ceType;
        }
    }

    static final String STEP = "s2";
    static final int ATTEMPT = 2;
    static final int VARIANT = 1;

    static final List<Row> ROWS = List.of(
            row(SESSION_CREATED, "dev.ratchet.session.created.v1", "a2d5a70e-e18e-3623-bc0f-7a954260737f"),
            row(STEP_REQUESTED, "dev.ratchet.step.requested.v2", "7202e0e5-bbfe-3a81-b907-1a9ce634ef41"),
            row(STEP_EXECUTED, "dev.ratchet.step.executed.v2", "3e2224e5-dd06-3901-85e4-ba264ff38133"),
            row(STEP_VERIFIED, "dev.ratchet.step.verified.v2", "b780148e-ca2a-3dd7-b391-9540b4ad80c4"),
            row(STEP_REJECTED, "dev.ratchet.step.rejected.v1", "4b2edadb-07ae-333e-8dc3-e9076a394ed4"),
            row(SESSION_COMPLETED, "dev.ratchet.session.completed.v1", "e9a47538-64f6-38fd-9124-2ffdc10cd765"),
            row(SESSION_FAILED, "dev.ratchet.session.failed.v1", "aa4637df-cfe8-3312-9c8e-7a11917760c4"));

    private GoldenEvents() {
    }

    static Row of(EventType type) {
        return ROWS.stream().filter(r -> r.type() == type).findFirst().orElseThrow();
    }

    private static Row row(EventType type, String ceType, String id) {
        return new Row(type, ceType, UUID.fromString(id));
    }
}
