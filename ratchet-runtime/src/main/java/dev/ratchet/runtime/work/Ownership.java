package dev.ratchet.runtime.work;

/** What running work sees of its lease: whether it still holds it. Work that lost its lease must not answer. */
public interface Ownership {

    Lease lease();

    /** True once the lease was taken over or given up: the work's result must be thrown away. */
    boolean lost();
}
