package dev.ratchet.runtime.nativeimage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.EventType;
import dev.ratchet.core.event.Topics;
import dev.ratchet.core.session.AcceptedPatch;
import dev.ratchet.core.session.Session;
import dev.ratchet.testing.NativeReflection;

/** Every ratchet-core type the services' Jackson meets in events and the session hash is registered for native. */
class ContractReflectionTest {

    @Test
    void everyTypeOfTheEventsAndTheStoredSessionIsRegistered() {
        List<Class<?>> roots = new ArrayList<>(NativeReflection.recordsAndEnumsIn(Topics.class));
        roots.addAll(List.of(Session.class, AcceptedPatch.class));
        Set<Class<?>> needed = NativeReflection.reachable(roots);

        assertThat(NativeReflection.missing(needed, NativeReflection.registeredBy(List.of(ContractReflection.class))))
                .as("add these to ContractReflection's targets").isEmpty();
        // The scan sees the catalogue: each event's record and the nested records it holds.
        assertThat(needed).containsAll(Arrays.stream(EventType.values()).map(EventType::recordClass).toList())
                .hasSizeGreaterThan(EventType.values().length * 2);
    }
}
