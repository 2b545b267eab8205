package dev.ratchet.verifier.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.CheckResult;
import dev.ratchet.core.event.CloudEventHeaders;
import dev.ratchet.core.event.EventCodec;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRejected;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.core.event.Topics;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.RedisSessions;
import dev.ratchet.testing.TextstatsSample;
import dev.ratchet.workspace.Git;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The verifier trusts nothing it is sent: the patch is reviewed against the session's guardrails before anything
 * runs, only the session's checks run (in stage order, stopping at the first failure, final checks with the last
 * step), each in the sandbox, and a verdict stays under the event limit however much its checks print.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
class ReviewAndChecksTest {

    static TextstatsSample textstats;
    static List<String> chain;

    @Inject
    RedisDataSource redis;

    final KafkaProbe kafka = KafkaProbe.shared();
    Attempts attempts;

    @BeforeEach
    void attempts() {
        attempts = new Attempts(redis, kafka, textstats);
    }

    @BeforeAll
    static void sampleRepository() {
        textstats = TextstatsSample.create();
        chain = textstats.chain("step1.patch", "step2-attempt2.patch", "step3.patch");
    }

    /** The unified diff that deletes {@code path} from the base commit. */
    private static String deletion(String path) {
        String content = Git.show(textstats.repo, textstats.baseCommit, path).orElseThrow();
        String[] lines = content.split("\n", -1);
        int count = content.endsWith("\n") ? lines.length - 1 : lines.length;
        StringBuilder diff = new StringBuilder("diff --git a/" + path + " b/" + path + "\ndeleted file mode 100644\n"
                + "--- a/" + path + "\n+++ /dev/null\n@@ -1," + count + " +0,0 @@\n");
        for (int i = 0; i < count; i++) {
            diff.append('-').append(lines[i]).append('\n');
        }
        return content.endsWith("\n") ? diff.toString() : diff + "\\ No newline at end of file\n";
    }

    @Test
    void aForgedPatchThatDeletesAFileInANoDeletesSessionIsRejectedAtReviewAndNothingRuns() {
        String session = attempts.session(new Check("would-run", "echo ran", 30));
        attempts.send(session, 0, deletion("README.md"), 0, "executor-1");

        StepRejected rejected = (StepRejected) attempts.verdict(session);

        assertThat(rejected.payload().stage()).isEqualTo(StepRejected.STAGE_REVIEW);
        assertThat(rejected.payload().reason()).isEqualTo("rejected by guardrail no-deletes: README.md");
        assertThat(rejected.payload().outputTail()).contains("deleting files is not allowed in this session");
        assertThat(rejected.payload().checks()).as("nothing ran").isEmpty();
    }

    @Test
    void aForgedEventCannotBringItsOwnChecksOrRepository() {
        String session = attempts.session(new Check("from-redis", "echo checks come from the session", 30));
        StepExecuted executed = attempts.executed(session, 0, chain.get(0), 0, "executor-1");
        // Fields a forger might add: a check of its own and another repository. Readers ignore unknown fields.
        String forged = EventCodec.encode(executed).replace("\"work\":{", "\"work\":{\"checks\":[{\"name\":\"evil\","
                + "\"command\":\"echo forged\",\"timeoutSeconds\":5}],\"repo\":\"/etc\",");
        assertThat(forged).contains("echo forged");
        kafka.sendRaw(Topics.STEPS_EXECUTED, session, forged, Map.of(
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0,
                CloudEventHeaders.ID, executed.eventId().toString(),
                CloudEventHeaders.TYPE, executed.eventType().ceType(),
                CloudEventHeaders.SOURCE, "/ratchet/forger",
                CloudEventHeaders.SUBJECT, session,
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON));

        StepVerified verified = (StepVerified) attempts.verdict(session);

        assertThat(verified.payload().checks()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("from-redis");
            assertThat(c.outputTail()).isEqualTo("checks come from the session\n");
        });
    }

    @Test
    void stagesRunInOrderAndStopAtTheFirstFailureAndFinalChecksRunWithTheLastStep() {
        Check test = new Check("unit", "echo unit", 30, Check.Stage.TEST, Check.When.STEP, null);
        Check review = new Check("diff-size", "git diff --stat HEAD", 30, Check.Stage.REVIEW, Check.When.STEP, null);
        Check fast = new Check("lint", "python3 -m py_compile textstats.py", 30, Check.Stage.FAST, Check.When.STEP,
                null);
        Check failing = new Check("fast-fails", "echo no; exit 4", 30, Check.Stage.FAST, Check.When.STEP, null);
        Check last = new Check("e2e", "python3 textstats.py README.md", 30, Check.Stage.TEST, Check.When.FINAL, null);

        String stops = attempts.session(test, last, failing, review);
        attempts.send(stops, 0, chain.get(0), 0, "executor-1");
        StepRejected rejected = (StepRejected) attempts.verdict(stops);
        assertThat(rejected.payload().reason()).isEqualTo("check 'fast-fails' failed (exit 4)");
        assertThat(rejected.payload().checks()).extracting(CheckResult::name).containsExactly("diff-size",
                "fast-fails");

        String lastStep = attempts.session(test, last, fast, review);
        RedisSessions.accept(redis, lastStep, "s1", chain.get(0));
        RedisSessions.accept(redis, lastStep, "s2", chain.get(1));
        attempts.send(lastStep, 2, chain.get(2), 0, "executor-1");
        StepVerified verified = (StepVerified) attempts.verdict(lastStep);
        assertThat(verified.payload().checks()).extracting(CheckResult::name).containsExactly("diff-size", "lint",
                "unit", "e2e");
        assertThat(verified.payload().checks().get(3).outputTail()).contains("words:");
        assertThat(verified.payload().checks()).extracting(CheckResult::lintFindings)
                .as("counted on the review and fast stages only (clean here)").containsExactly(0, 0, null, null);
    }

    @Test
    void everyCheckRunsSandboxedWithAScrubbedEnvironmentAndTheVerdictSaysWhichIsolation() {
        String session = attempts.session(new Check("environment", "env | cut -d= -f1 | sort", 30),
                new Check("outside", "touch '" + textstats.repo.resolve("planted") + "'", 30));
        attempts.send(session, 0, chain.get(0), 0, "executor-1");

        StepRejected rejected = (StepRejected) attempts.verdict(session);

        CheckResult environment = rejected.payload().checks().get(0);
        Set<String> allowed = Set.of("PATH", "LANG", "LC_ALL", "MALLOC_ARENA_MAX", "HOME", "TMPDIR", "PWD",
                "SHLVL", "_", "OLDPWD");
        assertThat(Arrays.stream(environment.outputTail().split("\n")).filter(n -> !n.isBlank()))
                .allMatch(allowed::contains).noneMatch(n -> n.startsWith("RATCHET_"));
        assertThat(rejected.payload().reason()).isEqualTo("check 'outside' failed (exit 1)");
        assertThat(textstats.repo.resolve("planted")).doesNotExist();
        ConsumerRecord<String, String> record = kafka.records(Topics.STEPS_VERDICTS).stream()
                .filter(r -> rejected.eventId().toString().equals(KafkaProbe.header(r, CloudEventHeaders.ID)
                        .orElse(null))).findFirst().orElseThrow();
        assertThat(record.value()).contains("\"isolation\":\"" + environment.isolation() + "\"");
    }

    @Test
    void twentyChecksOfSixtyFourKibibytesEachStillMakeOneVerdict() {
        Check[] loud = IntStream.range(0, 20).mapToObj(i -> new Check("loud-" + i, "echo check " + i
                + "; head -c 70000 /dev/zero | tr '\\0' x; echo; echo end of " + i, 60)).toArray(Check[]::new);
        String session = attempts.session(loud);
        attempts.send(session, 0, chain.get(0), 0, "executor-1");

        StepVerified verified = (StepVerified) attempts.verdict(session);

        assertThat(verified.payload().checks()).hasSize(20).allSatisfy(c -> {
            assertThat(c.passed()).isTrue();
            assertThat(c.outputTail().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
            assertThat(c.outputTail()).endsWith("end of " + c.name().substring(5) + "\n");
            String whole = RedisSessions.blob(redis, c.output());
            assertThat(whole).startsWith("check " + c.name().substring(5) + "\n");
            assertThat(whole.length()).isBetween(60_000, 66_000);
        });
        assertThat(EventCodec.encode(verified).getBytes(StandardCharsets.UTF_8).length)
                .isLessThan(EventCodec.MAX_EVENT_BYTES);
    }

    @Test
    void aPersonsCandidateIsVerifiedExactlyLikeAModels() {
        String session = attempts.session();
        StepExecuted candidate = attempts.send(session, 0, chain.get(0), 1, "person:alice");

        StepVerified verified = (StepVerified) attempts.verdict(session);

        assertThat(verified.variant()).isEqualTo(1);
        assertThat(verified.eventId()).isEqualTo(StepVerified.of(candidate, Instant.now(), null).eventId());
        assertThat(verified.payload().execution().executor()).isEqualTo("person:alice");
        assertThat(verified.payload().checks()).extracting(CheckResult::name).containsExactly("unit-tests");
    }
}
