package dev.ratchet.bench.chaos;

/**
 * An instance's own report (in its log) that it lost a work lease while working: another instance took the work
 * over, and this one threw its result away.
 *
 * @param owner the instance, e.g. {@code executor-1}
 * @param field the lease's field of the session's work hash, e.g. {@code executor:<request event id>}
 */
public record LeaseLoss(String owner, String field) {
}
