package dev.ratchet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ratchet.core.patch.ApplyPatch;
import dev.ratchet.core.patch.PatchOp;
import dev.ratchet.core.plan.PlanParser;
import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.simulator.Scenario;

class BestOfNRunsTest {

    @TempDir
    Path dir;

    @Test
    void theFannedOutPlanAsksForFifteenVariantsAndTheSingleOneForTheSessions() {
        PlanStep fanned = PlanParser.parse(BestOfNRuns.plan(BestOfNRuns.VARIANTS), 20).get(0);
        PlanStep single = PlanParser.parse(BestOfNRuns.plan(null), 20).get(0);
        assertThat(fanned.variants()).isEqualTo(15);
        assertThat(single.variants()).isNull();
        assertThat(fanned.title()).isEqualTo(single.title()).isEqualTo("Best-of-N step");
    }

    @Test
    void theSeededRuleComesBeforeTheFailingOneAndTheScenarioLoads() throws Exception {
        List<String> names = BestOfNRuns.rules().stream().map(r -> (String) r.get("name")).toList();
        assertThat(names).containsSubsequence("best-n15 passing variants", "best-n15 failing variants");
        Path file = new Workload(dir).scenario(List.of(), BestOfNRuns.rules());
        assertThat(Scenario.load(file).name()).isEqualTo("bench");
        assertThat(Files.readString(file)).contains("\"seeds\":[3,8,12]", "[bench best-n15]", "[bench best-n1]");
        // The two markers must not match each other's sessions: "[bench best-n1]" is not part of "[bench best-n15]".
        assertThat(BestOfNRuns.fanned().marker()).doesNotContain(BestOfNRuns.single().marker());
    }

    @Test
    void onlyThePassingAnswerPassesTheCheck() throws Exception {
        Profile p = BestOfNRuns.fanned();
        assertThat(check(Workload.addFile(p, BestOfNRuns.FILE, "result: pass"))).isZero();
        assertThat(check(Workload.addFile(p, BestOfNRuns.FILE, "result: fail"))).isNotZero();
    }

    @Test
    void theIdealIsOneRoundOfModelCallsPerSlot() {
        assertThat(BestOfNRuns.ideal(4)).isEqualTo(4);
        assertThat(BestOfNRuns.ideal(1)).isEqualTo(15);
        assertThat(BestOfNRuns.ideal(15)).isEqualTo(1);
    }

    /** Writes the answer's one file into a fresh directory and runs the scenario's check there, for real. */
    private int check(String answer) throws Exception {
        PatchOp.AddFile add = (PatchOp.AddFile) ApplyPatch.parse(answer).operations().get(0);
        Path repo = Files.createTempDirectory(dir, "repo");
        Path target = repo.resolve(add.path());
        Files.createDirectories(target.getParent());
        Files.writeString(target, add.content());
        Process process = new ProcessBuilder("sh", "-c", (String) BestOfNRuns.CHECK.get("command"))
                .directory(repo.toFile()).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }
}
