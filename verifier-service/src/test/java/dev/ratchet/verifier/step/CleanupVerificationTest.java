package dev.ratchet.verifier.step;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.checks.Fixer;
import dev.ratchet.core.event.CleanupResult;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.core.patch.DiffStats;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.RedisSessions;
import dev.ratchet.testing.TextstatsSample;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The cleanup pass in the verifier, on the sample with its real unit tests, Kafka and Redis: the session's fixer
 * (from the stored session, never the event) strips trailing whitespace the candidate left, and the verdict's patch
 * is the candidate's change plus the fixer's; a fixer that breaks the tests or times out is discarded and the
 * candidate's own patch kept. The step is verified every time.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
class CleanupVerificationTest {

    static final String STRIP = "sed -i 's/[[:space:]]*$//' textstats.py";
    static TextstatsSample textstats;
    /** Step 1 of the sample with trailing blanks on one added line: what a formatter is for. */
    static String untidy;

    @Inject
    RedisDataSource redis;

    final KafkaProbe kafka = KafkaProbe.shared();
    Attempts attempts;

    @BeforeAll
    static void sampleRepository() {
        textstats = TextstatsSample.create();
        String step1 = textstats.chain("step1.patch").get(0);
        untidy = step1.replace("+    return len(words(text))\n", "+    return len(words(text))   \n");
        assertThat(untidy).isNotEqualTo(step1);
    }

    @BeforeEach
    void attempts() {
        attempts = new Attempts(redis, kafka, textstats);
    }

    /** The attempt sent and its verdict, which is verified whatever the fixer does. */
    private record Verdict(StepExecuted executed, StepVerified.Payload verified) {
    }

    private Verdict verify(Fixer fixer) {
        String session = attempts.sessionWithCleanup(fixer);
        StepExecuted executed = attempts.send(session, 0, untidy, 0, "executor-1");
        assertThat(attempts.verdict(session)).isInstanceOf(StepVerified.class);
        StepVerified.Payload verified = ((StepVerified) attempts.verdict(session)).payload();
        assertThat(verified.checks()).singleElement().satisfies(c -> assertThat(c.passed()).isTrue());
        return new Verdict(executed, verified);
    }

    /** The candidate's own patch and size are the verdict's. */
    private static void keptTheCandidatesPatch(Verdict verdict) {
        assertThat(verdict.verified().patch()).isEqualTo(verdict.executed().payload().patch());
        assertThat(verdict.verified().stats()).isEqualTo(verdict.executed().payload().stats());
    }

    @Test
    void anAppliedCleanupMakesTheCandidatesPatchPlusTheFixersTheVerdictsPatch() {
        StepVerified.Payload p = verify(Fixer.of("strip", STRIP, 60)).verified();

        assertThat(p.cleanup().status()).isEqualTo(CleanupResult.APPLIED);
        assertThat(p.cleanup().changedLines()).isEqualTo(2);
        String patch = RedisSessions.blob(redis, p.patch());
        assertThat(patch).contains("+    return len(words(text))\n").doesNotContain("text))   ")
                .contains("+class WordCountTest(unittest.TestCase):");
        assertThat(p.stats()).isEqualTo(DiffStats.of(patch));
        assertThat(p.checks().get(0).outputTail()).contains("OK");
    }

    @Test
    void aFixerThatBreaksTheTestsIsDiscardedAndTheCandidatesPatchKept() {
        Verdict verdict = verify(Fixer.of("drop-return", "sed -i '/return len(words(text))/d' textstats.py", 60));

        assertThat(verdict.verified().cleanup()).extracting(CleanupResult::status, CleanupResult::reason)
                .containsExactly(CleanupResult.DISCARDED, "check 'unit-tests' failed (exit 1) on the cleaned tree");
        keptTheCandidatesPatch(verdict);
        assertThat(RedisSessions.blob(redis, verdict.verified().patch())).isEqualTo(untidy);
    }

    @Test
    void aFixerThatTimesOutIsDiscarded() {
        Verdict verdict = verify(Fixer.of("slow", "sleep 30", 1));

        assertThat(verdict.verified().cleanup()).extracting(CleanupResult::status, CleanupResult::reason)
                .containsExactly(CleanupResult.DISCARDED, "the fixer timed out after 1 s");
        keptTheCandidatesPatch(verdict);
    }
}
