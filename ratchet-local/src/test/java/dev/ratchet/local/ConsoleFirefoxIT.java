package dev.ratchet.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ratchet.core.json.Json;
import dev.ratchet.testing.HeadlessFirefox;

/**
 * The web console in the distribution's Firefox (headless, driven over WebDriver BiDi by ratchet-testing's
 * {@link HeadlessFirefox}; no geckodriver), on the whole cluster as {@code ./ratchet up} runs it: a key signs in,
 * the board lists a session submitted through the API, and its page follows it live, without a reload, through its
 * steps to COMPLETED. One demo session, so it stays short; {@code ConsoleIT} covers the rest in Chromium. Skipped,
 * saying how to install it, without {@code firefox-esr}. Screenshots go to {@code target/console-screenshots/}.
 */
class ConsoleFirefoxIT {

    /** A whole demo session on a shared 2-core machine; the waits end as soon as the page shows it. */
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final Path SHOTS = Path.of("target/console-screenshots");

    static LocalCluster cluster;
    static HeadlessFirefox firefox;
    static String console;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() {
        String missing = HeadlessFirefox.missing();
        assumeTrue(missing == null, missing);
        Demo.requirePython();
        LocalLayout layout = LocalLayout.fromEnvironment();
        List<String> printed = new CopyOnWriteArrayList<>();
        cluster = LocalCluster.start(layout, LocalCluster.Options.defaults()
                .withState(layout.stateDir().resolve("console-firefox-it"), true), printed::add);
        console = cluster.plannerUrl() + "/console/";
        firefox = HeadlessFirefox.start();
        firefox.viewport(1280, 1000);
    }

    @AfterAll
    static void stop() {
        if (firefox != null) {
            firefox.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aKeySignsInTheBoardListsASubmittedSessionAndItsPageFollowsItToCompleted() {
        firefox.navigate(console);
        waitFor("document.getElementById('api-key') ? 'form' : ''", "form");
        // Typed as a person would, then the form's own submit button: the console's module code does the rest.
        firefox.evaluate("(() => { const k = document.getElementById('api-key'); k.value = "
                + quoted(cluster.planner().apiKey()) + "; k.dispatchEvent(new Event('input', {bubbles: true}));"
                + " document.querySelector('#key-form button[type=submit]').click(); })()");
        waitFor("document.getElementById('new-session') ? 'board' : ''", "board");

        LocalLayout layout = LocalLayout.fromEnvironment();
        Path repo = Demo.prepareRepository(layout, work.resolve("firefox"));
        String id = new PlatformClient(cluster.planner()).createSession(Demo.sessionRequest(repo)).path("id")
                .asText();
        String row = "document.querySelector('#session-rows tr[data-id=\"" + id + "\"]')";
        waitFor(row + "?.textContent.includes(" + quoted(Demo.GOAL) + ") ? 'listed' : ''", "listed");
        firefox.screenshot(SHOTS.resolve("firefox-board.png"));

        firefox.evaluate(row + ".querySelector('a').click()");
        waitFor("document.getElementById('session-goal')?.textContent ?? ''", Demo.GOAL);
        // Set once on this page: still there at the end only if the page never reloaded.
        firefox.evaluate("window.ratchetNoReload = true");
        Set<String> seen = new ConcurrentSkipListSet<>();
        String status = "document.getElementById('session-status')?.textContent ?? ''";
        String steps = "[...document.querySelectorAll('#plan li.step')].map(s => s.dataset.step + ' '"
                + " + s.querySelector('.step-status').textContent).join(', ')";
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
            seen.add(firefox.text(steps));
            return firefox.text(status).contains("COMPLETED");
        });

        assertThat(firefox.evaluate("window.ratchetNoReload === true").asBoolean()).as("no reload").isTrue();
        assertThat(firefox.text(steps)).isEqualTo("s1 VERIFIED, s2 VERIFIED, s3 VERIFIED");
        assertThat(seen).as("the plan seen while it ran, not only its end").anyMatch(s -> s.contains("RUNNING")
                || s.contains("PENDING"));
        firefox.screenshot(SHOTS.resolve("firefox-session.png"));
    }

    /** Waits for {@code expression} to give a string containing {@code expected}; a timeout says what is shown. */
    private static void waitFor(String expression, String expected) {
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                    .until(() -> firefox.text(expression).contains(expected));
        } catch (ConditionTimeoutException e) {
            firefox.screenshot(SHOTS.resolve("firefox-timeout.png"));
            throw new AssertionError("no '" + expected + "' from " + expression + " within " + WAIT.toSeconds()
                    + " s; Firefox shows " + firefox.text("location.href") + ": "
                    + firefox.text("document.body ? document.body.innerText.slice(0, 500) : ''"), e);
        }
    }

    /** {@code text} as a JavaScript string literal. */
    private static String quoted(String text) {
        return Json.write(text);
    }
}
