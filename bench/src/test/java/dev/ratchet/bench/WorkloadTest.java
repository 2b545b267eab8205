package dev.ratchet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ratchet.core.patch.ApplyPatch;
import dev.ratchet.core.patch.PatchOp;
import dev.ratchet.core.plan.PlanParser;
import dev.ratchet.simulator.Scenario;
import dev.ratchet.workspace.Git;

class WorkloadTest {

    @TempDir
    Path dir;

    @Test
    void planHasKStepsAndEachPatchAddsOneFile() {
        Profile profile = Profile.modelBound(3, 1000);
        assertThat(PlanParser.parse(Workload.plan(profile), 20)).extracting(s -> s.title())
                .containsExactly("Bench step 1", "Bench step 2", "Bench step 3");
        ApplyPatch patch = ApplyPatch.parse(Workload.patch(profile, 2));
        assertThat(patch.operations()).singleElement().isInstanceOf(PatchOp.AddFile.class)
                .extracting(PatchOp::path).isEqualTo("bench/step-2.md");
        // About 400 simulated tokens: one per word of at most four letters.
        assertThat(Workload.patch(profile, 2).split("tick", -1).length - 1).isBetween(380, 400);
    }

    @Test
    void scenarioLoadsInTheSimulatorAndRepositoriesAreCommitted() throws Exception {
        Workload workload = new Workload(dir);
        Path file = workload.scenario(List.of(Profile.modelBound(2, 1000), Profile.zeroLatency(4)));
        assertThat(Scenario.load(file).name()).isEqualTo("bench");
        assertThat(Files.readString(file)).contains("[bench zero-k4]", "Step 4 of 4: Bench step 4\\n");

        Path repo = workload.newRepository();
        assertThat(Git.isRepository(repo)).isTrue();
        assertThat(workload.newRepository()).isNotEqualTo(repo);
        assertThat(workload.sessionRequest(Profile.zeroLatency(4), 7, repo)).containsEntry("repo", repo.toString())
                .extractingByKey("goal").asString().contains("[bench zero-k4]");
    }
}
