package dev.ratchet.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.core.session.Progress;
import dev.ratchet.planner.keys.KeyResource;
import dev.ratchet.planner.session.api.CreateSessionRequest;
import dev.ratchet.planner.session.api.SessionView;
import dev.ratchet.runtime.nativeimage.ContractReflection;
import dev.ratchet.testing.NativeReflection;

/** Every type the planner's Jackson reads or writes is registered for the native image. */
class ApiReflectionTest {

    @Test
    void everyApiTypeThePlanStoredAndTheEventStreamAreRegistered() {
        Set<Class<?>> roots = NativeReflection.apiTypes(ApiReflection.class);
        // The scan finds the API: bodies taken, answers given, nested records included.
        assertThat(roots).contains(CreateSessionRequest.class, SessionView.class, KeyResource.CreateKeyRequest.class);
        // Outside the API: SessionStore keeps the plan as JSON; the event stream writes each Progress as JSON.
        roots.addAll(List.of(PlanStep.class, Progress.class));

        assertThat(NativeReflection.missing(NativeReflection.reachable(roots),
                NativeReflection.registeredBy(List.of(ApiReflection.class, ContractReflection.class))))
                .as("add these to ApiReflection's targets").isEmpty();
    }
}
