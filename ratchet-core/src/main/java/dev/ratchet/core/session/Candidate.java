package dev.ratchet.core.session;

import java.time.Instant;

import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.event.PatchStats;

/**
 * A patch a person submitted for a running step ({@code POST .../steps/{stepId}/candidates}), verified exactly like
 * a model's: as variant {@code variant} of attempt {@code attempt}, with {@code person:<author>} as its executor.
 * The first verified candidate of the step (a person's or the model's) is the one kept. A person's n-th candidate
 * of a step is variant {@link #VARIANT_BASE} + n, so it never shares an id with a model's variant (0 to
 * {@link Fanout#MAX_VARIANTS} - 1).
 *
 * @param patch the unified diff the submission was normalised to, against the step's starting state
 * @param stage where a rejected candidate failed; null otherwise
 * @param reason why it was rejected or came too late; null otherwise
 */
public record Candidate(int variant, String author, int attempt, Status status, BlobRef patch, PatchStats stats,
        Instant submittedAt, Instant decidedAt, String stage, String reason) {

    /** The executor name a person's candidate carries. */
    public static final String PERSON = "person:";

    /** A person's candidates are variants 101, 102, ...: above every model variant (at most 64, numbered from 0). */
    public static final int VARIANT_BASE = 100;

    public enum Status {
        /** Sent to the verifiers, no verdict yet. */
        SUBMITTED,
        /** Verified while the step still ran: its patch is the step's. */
        ACCEPTED,
        /** The verifier rejected it; the step goes on as before. */
        REJECTED,
        /** Verified, but the step had been decided before. */
        TOO_LATE
    }

    /** The n of "a person's n-th candidate of the step", as progress lines and the API name it. */
    public int number() {
        return variant - VARIANT_BASE;
    }

    /** True for a verdict's variant that belongs to a person's candidate rather than a model's variant. */
    public static boolean isPersons(int variant) {
        return variant > VARIANT_BASE;
    }

    public String executor() {
        return PERSON + author;
    }

    Candidate decided(Status outcome, String atStage, String why, Instant at) {
        return new Candidate(variant, author, attempt, outcome, patch, stats, submittedAt, at, atStage, why);
    }
}
