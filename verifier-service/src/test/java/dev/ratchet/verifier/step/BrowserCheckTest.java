package dev.ratchet.verifier.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.StepVerified;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.RedisSessions;
import dev.ratchet.testing.TextstatsSample;
import dev.ratchet.workspace.browser.BrowserChecks;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A browser check through the verifier: the page loads in headless Chromium and its screenshot is a blob. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
class BrowserCheckTest {

    static TextstatsSample textstats;
    static String step1;

    @Inject
    RedisDataSource redis;

    final KafkaProbe kafka = KafkaProbe.shared();

    @BeforeAll
    static void sample() {
        assumeTrue(BrowserChecks.findChromium().isPresent(), "chromium is not installed; install it with "
                + BrowserChecks.INSTALL);
        textstats = TextstatsSample.create();
        step1 = textstats.chain("step1.patch").get(0);
    }

    @Test
    void aBrowserCheckStoresAScreenshotOfEachPage() {
        // the check writes its own page and serves it: any project's server command works the same way
        Check ui = new Check("ui", "mkdir -p site && echo '<h1>textstats</h1>' > site/index.html && "
                + "exec python3 -m http.server 8000 -d site", 120, Check.Stage.TEST, Check.When.STEP,
                new Check.Browser(8000, List.of("/index.html"), 30));
        Attempts attempts = new Attempts(redis, kafka, textstats);
        String session = attempts.session(ui);
        attempts.send(session, 0, step1, 0, "executor-1");

        StepVerified verified = (StepVerified) attempts.verdict(session);

        assertThat(verified.payload().checks()).singleElement().satisfies(c -> {
            assertThat(c.passed()).isTrue();
            assertThat(c.outputTail()).contains("GET http://127.0.0.1:8000/index.html -> 200");
            assertThat(c.screenshots()).singleElement().satisfies(shot -> {
                assertThat(shot.path()).isEqualTo("/index.html");
                byte[] png = Base64.getDecoder().decode(RedisSessions.blob(redis, shot.image()));
                assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
            });
        });
    }
}
