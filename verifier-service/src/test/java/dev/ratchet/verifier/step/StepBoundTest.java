package dev.ratchet.verifier.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.StepRejected;
import dev.ratchet.core.files.SessionFiles;
import dev.ratchet.core.plan.PlanScope;
import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.core.session.Approval;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.SessionMachine;
import dev.ratchet.core.session.StepPolicy;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.RedisSessions;
import dev.ratchet.testing.TextstatsSample;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A step's {@code maxChangedLines} is a bound the verifier enforces, read from the session's stored plan (here as a
 * person's edit of it left it before approving), never from the event: a five-line patch for a step bounded at three
 * lines is rejected at review, well inside the session's guardrail of 400, and the reason reaches VERIFY.md.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
class StepBoundTest {

    static TextstatsSample textstats;

    @Inject
    RedisDataSource redis;

    @BeforeAll
    static void sampleRepository() {
        textstats = TextstatsSample.create();
    }

    private static final String FIVE_LINES = "diff --git a/NOTES.md b/NOTES.md\nnew file mode 100644\n"
            + "--- /dev/null\n+++ b/NOTES.md\n@@ -0,0 +1,5 @@\n+# Notes\n+\n+word_count counts words.\n"
            + "+top_words ranks them.\n+The command line prints both.\n";

    @Test
    void aFiveLinePatchForAStepBoundedAtThreeLinesIsRejectedNamingTheStepTheBoundAndTheCount() {
        SessionMachine machine = new SessionMachine(3, TextstatsSample.CONTEXT_BUDGET);
        Instant now = Instant.now();
        Session created = Session.created(UUID.randomUUID().toString(), textstats.repo.toString(),
                TextstatsSample.GOAL, textstats.baseCommit, List.of(TextstatsSample.UNIT_TESTS), StepPolicy.DEFAULTS,
                Approval.MANUAL, now);
        Session waiting = machine.planned(created, List.of(new PlanStep("s1", "Write notes", "Describe the words.")),
                now).session();
        Session edited = machine.planEdited(waiting, List.of(new PlanStep("s1", "Write notes", "Describe the words.",
                null, new PlanScope(List.of(), List.of("NOTES.md"), List.of(), null, 3))), now).session();
        Session running = machine.approved(edited, now).session();
        RedisSessions.register(redis, running);

        Attempts attempts = new Attempts(redis, KafkaProbe.shared(), textstats);
        attempts.send(running.id(), 0, FIVE_LINES, 0, "executor-1");
        StepRejected rejected = (StepRejected) attempts.verdict(running.id());

        assertThat(rejected.payload().stage()).isEqualTo(StepRejected.STAGE_REVIEW);
        assertThat(rejected.payload().reason()).isEqualTo("rejected by step s1's bound: the patch changes 5 lines, "
                + "over the step's maxChangedLines of 3");
        assertThat(rejected.payload().outputTail()).contains("(5 added, 0 removed)")
                .contains("the session's guardrail allows 400");
        assertThat(rejected.payload().checks()).as("nothing ran").isEmpty();
        Session judged = machine.onVerdict(running, rejected, Instant.now()).session();
        assertThat(judged.steps().get(0).attempts().get(0).reason()).isEqualTo(rejected.payload().reason());
        assertThat(SessionFiles.render("VERIFY.md", judged, List.of(), null).orElseThrow()).contains("1. Write notes, attempt 1: REJECTED at review - rejected by "
                + "step s1's bound: the patch changes 5 lines, over the step's maxChangedLines of 3");
    }
}
