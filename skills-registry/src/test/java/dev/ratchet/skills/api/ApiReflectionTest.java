package dev.ratchet.skills.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.skill.template.PlanTemplate;
import dev.ratchet.core.skill.trust.ReplayOutcome;
import dev.ratchet.runtime.nativeimage.ContractReflection;
import dev.ratchet.skills.store.CaptureEntry;
import dev.ratchet.skills.store.StoredEmbedding;
import dev.ratchet.skills.store.VersionRecord;
import dev.ratchet.testing.NativeReflection;

/** Every type the skills registry's Jackson reads or writes is registered for the native image. */
class ApiReflectionTest {

    @Test
    void everyApiTypeAndWhatTheStoreKeepsAsJsonAreRegistered() throws Exception {
        Set<Class<?>> roots = NativeReflection.apiTypes(ApiReflection.class);
        assertThat(roots).contains(SearchResource.MatchRequest.class, SkillViews.Detail.class);
        // SkillStore's JSON in Redis: versions, captures, replay outcomes, embeddings; the matcher's plan templates.
        roots.addAll(List.of(VersionRecord.class, CaptureEntry.class, ReplayOutcome.class, PlanTemplate.class,
                Class.forName(StoredEmbedding.class.getName() + "$Stored")));

        assertThat(NativeReflection.missing(NativeReflection.reachable(roots),
                NativeReflection.registeredBy(List.of(ApiReflection.class, ContractReflection.class))))
                .as("add these to ApiReflection's targets").isEmpty();
    }
}
