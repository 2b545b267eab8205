package dev.ratchet.core.skill.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Candidate, trusted, degraded: every transition by the replays' outcomes and a person's approval. */
class TrustPolicyTest {

    private final TrustPolicy policy = new TrustPolicy(3, 5, 0.6);

    @Test
    void aNewSkillIsACandidate() {
        assertThat(policy.judge(List.of(), false)).isEqualTo(new Standing(SkillStatus.CANDIDATE,
                "0 of the 3 passing replays that make it trusted"));
        assertThat(policy.judge(List.of(true, true), false).status()).isEqualTo(SkillStatus.CANDIDATE);
    }

    @Test
    void threePassingReplaysMakeItTrusted() {
        assertThat(policy.judge(List.of(true, true, true), false))
                .isEqualTo(new Standing(SkillStatus.TRUSTED, "3 replays passed"));
        assertThat(policy.judge(List.of(true, false, true, true), false).status()).isEqualTo(SkillStatus.TRUSTED);
    }

    @Test
    void aPersonsApprovalTrustsACandidate() {
        assertThat(policy.judge(List.of(), true)).isEqualTo(new Standing(SkillStatus.TRUSTED,
                "approved by a person"));
    }

    @Test
    void failingRecentReplaysDegradeEvenATrustedSkill() {
        List<Boolean> outcomes = new ArrayList<>(List.of(true, true, true, true, true, true));
        outcomes.addAll(List.of(false, false));
        assertThat(policy.judge(outcomes, false).status()).as("3 of the last 5: 60 %").isEqualTo(SkillStatus.TRUSTED);

        outcomes.add(false);

        assertThat(policy.judge(outcomes, false)).isEqualTo(new Standing(SkillStatus.DEGRADED,
                "2 of the last 5 replays passed (40 %), under the 60 % required"));
        assertThat(policy.judge(outcomes, true).status()).as("approval does not hide failures after it")
                .isEqualTo(SkillStatus.DEGRADED);
    }

    @Test
    void aCandidateWhoseFirstReplayFailsIsDegraded() {
        assertThat(policy.judge(List.of(false), false)).isEqualTo(new Standing(SkillStatus.DEGRADED,
                "0 of the last 1 replays passed (0 %), under the 60 % required"));
    }

    @Test
    void passingReplaysBringADegradedSkillBack() {
        List<Boolean> outcomes = new ArrayList<>(List.of(false, false, false));
        assertThat(policy.judge(outcomes, false).status()).isEqualTo(SkillStatus.DEGRADED);

        outcomes.addAll(List.of(true, true, true));

        assertThat(policy.judge(outcomes, false).status()).as("3 of the last 5").isEqualTo(SkillStatus.TRUSTED);
    }

    @Test
    void boundsAreChecked() {
        assertThatThrownBy(() -> new TrustPolicy(0, 5, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrustPolicy(3, 5, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
