package dev.ratchet.skills.api;

import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.core.skill.capture.Capture;
import dev.ratchet.core.skill.template.PlanTemplate;
import dev.ratchet.core.skill.template.StepTemplate;
import dev.ratchet.core.skill.trust.ReplayOutcome;
import dev.ratchet.core.skill.trust.SkillStatus;
import dev.ratchet.skills.search.SkillMatcher;
import dev.ratchet.skills.store.CaptureEntry;
import dev.ratchet.skills.store.VersionRecord;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * For the native image (mvn package -Pnative): the types the registry's Jackson reads and writes besides the events
 * (ratchet-runtime's ContractReflection): every API request and answer (the records of this package and of each
 * resource method's signature, and every Ratchet type they hold) and what the store keeps as JSON in Redis (versions,
 * captures, replay outcomes, embeddings, plan templates). ApiReflectionTest fails, naming the line to add, when one
 * is missing.
 */
@RegisterForReflection(targets = {
        Capture.Statistic.class,
        CaptureEntry.class,
        PlanStep.class,
        PlanTemplate.class,
        ReplayOutcome.class,
        ReplayResource.Replay.class,
        SearchResource.Hit.class,
        SearchResource.Hits.class,
        SearchResource.MatchRequest.class,
        SearchResource.Matches.class,
        SkillMatcher.Match.class,
        SkillStatus.class,
        SkillViews.CaptureView.class,
        SkillViews.Detail.class,
        SkillViews.Page.class,
        SkillViews.Stats.class,
        SkillViews.Summary.class,
        SkillViews.Upload.class,
        StepTemplate.class,
        VersionRecord.class,
        VersionRecord.FileEntry.class
}, classNames = {
        // Private to StoredEmbedding, so named rather than referenced.
        "dev.ratchet.skills.store.StoredEmbedding$Stored"
})
public final class ApiReflection {

    private ApiReflection() {
    }
}
