package dev.ratchet.runtime.lifecycle;

import java.util.Optional;

/** Instance names for tests that play a second instance of a service next to the running one. */
public final class Instances {

    private Instances() {
    }

    public static InstanceId named(String name) {
        return new InstanceId(Optional.of(name), "test");
    }
}
