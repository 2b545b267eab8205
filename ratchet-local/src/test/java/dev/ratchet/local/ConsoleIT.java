package dev.ratchet.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The web console on the whole cluster as `./ratchet up` runs it, in headless Chromium: the key form, the board
 * showing a session submitted from its form, a session with manual approval edited, noted and approved from its
 * page and followed live to COMPLETED without a reload (its accepted diffs rendered), a session cancelled from
 * its page, a best-of-5 step's variants as cards, the winner marked, each verified variant's diff side by side and
 * a loser's labelled rejected, the skills view (through the planner's skills routes) listing, searching, rendering,
 * trusting and untrusting a skill, and
 * the cluster view showing every service up. Screenshots go to {@code target/console-screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    static LocalCluster cluster;
    static LocalLayout layout;
    static HeadlessChromium browser;
    static String console;
    static String approvedSession;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() {
        HeadlessChromium.assumeInstalled();
        Demo.requirePython();
        layout = LocalLayout.fromEnvironment();
        List<String> printed = new CopyOnWriteArrayList<>();
        cluster = LocalCluster.start(layout, LocalCluster.Options.defaults()
                .withState(layout.stateDir().resolve("console-it"), true), printed::add);
        console = printed.stream().filter(l -> l.startsWith("console: ")).findFirst()
                .map(l -> l.substring("console: ".length()).replaceFirst(" .*", "")).orElseThrow();
        assertThat(console).isEqualTo(cluster.plannerUrl() + "/console/");
        browser = HeadlessChromium.start(Path.of("target/console-screenshots"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aWrongKeyIsRefusedWithTheReasonAndTheRightOneOpensTheBoard() {
        browser.driver.get(console.replaceFirst("/$", ""));
        assertThat(browser.driver.getCurrentUrl()).as("/console redirects").isEqualTo(console);

        signIn("rk_nope_nope");
        wait(By.cssSelector("#key-error"), "refused the key");

        signIn(cluster.planner().apiKey());
        waitVisible(By.id("new-session"));
        assertThat(text(By.id("board-state"))).isNotBlank();
    }

    @Test
    @Order(2)
    void theFormNamesTheRefusedFieldAndTheBoardShowsTheNewSession() {
        Path repo = Demo.prepareRepository(layout, work.resolve("board"));
        submit("/no/such/repository", Demo.GOAL, "unit-tests=" + Demo.CHECK_COMMAND, true);
        wait(By.id("new-repo-error"), "repo");
        assertThat(text(By.id("new-goal-error"))).isEmpty();

        browser.driver.findElement(By.id("new-repo")).clear();
        submit(repo.toString(), null, null, true);
        browser.waiting().until(ExpectedConditions.urlMatches("#/sessions/[0-9a-f-]{36}$"));
        approvedSession = browser.driver.getCurrentUrl().replaceFirst(".*#/sessions/", "");
        waitVisible(By.id("session-goal"));

        browser.driver.findElement(By.linkText("Sessions")).click();
        By row = By.cssSelector("#session-rows tr[data-id='" + approvedSession + "']");
        wait(row, "AWAITING_APPROVAL");
        assertThat(text(row)).contains(Demo.GOAL);
        browser.screenshot("board");
        browser.screenshot("board-phone", 390, 844);
    }

    @Test
    @Order(3)
    void aPlanIsEditedNotedAndApprovedAndThePageFollowsItToCompletedWithoutAReload() {
        browser.driver.findElement(By.cssSelector("#session-rows tr[data-id='" + approvedSession + "'] a")).click();
        wait(By.id("session-status"), "AWAITING_APPROVAL");
        ((JavascriptExecutor) browser.driver).executeScript("window.ratchetNoReload = true;");

        WebElement title = waitVisible(By.id("plan-title-0"));
        title.sendKeys(" (edited in the console)");
        browser.driver.findElement(By.id("note-text")).sendKeys("keep the tests green");
        browser.driver.findElement(By.id("add-note")).click();
        wait(By.id("control-answer"), "note d1 received");
        wait(By.cssSelector("#directives tr[data-directive='d1']"), "keep the tests green");

        browser.driver.findElement(By.id("approve-plan")).click();
        wait(By.id("control-answer"), "Plan approved");
        wait(By.id("session-status"), "COMPLETED");
        assertThat(browser.driver.findElements(By.cssSelector("#plan-editor fieldset"))).as("the editor is gone")
                .isEmpty();

        assertThat(((JavascriptExecutor) browser.driver).executeScript("return window.ratchetNoReload === true;"))
                .as("the page was never reloaded").isEqualTo(true);
        assertThat(text(By.cssSelector("#plan li[data-step='s1']"))).contains("(edited in the console)")
                .contains("VERIFIED");
        wait(By.cssSelector("#directives tr[data-directive='d1'] td.applied"), ":");
        wait(By.id("feed"), "session.completed");
        assertThat(text(By.id("result"))).contains("ratchet/" + approvedSession);
        assertThat(browser.driver.findElements(By.cssSelector("#step-s2 article.attempt-rejected"))).isNotEmpty();
        WebElement diff = waitVisible(By.cssSelector(".accepted-diff[data-step='s1'] .diff-add"));
        assertThat(diff.getText()).startsWith("+");
        assertThat(text(By.cssSelector(".accepted-diff[data-step='s1'] pre.diff"))).contains("word_count");

        browser.driver.findElement(By.cssSelector("details[data-file='PLAN.md'] summary")).click();
        wait(By.cssSelector("details[data-file='PLAN.md'] .markdown"), "edited in the console");

        ((JavascriptExecutor) browser.driver).executeScript("window.scrollTo(0, 0);");
        browser.screenshot("session-completed", 1280, 2600);
        browser.screenshot("session-phone", 390, 844);
    }

    @Test
    @Order(4)
    void aSessionIsCancelledFromItsPage() {
        Path repo = Demo.prepareRepository(layout, work.resolve("cancel"));
        Map<String, Object> request = Map.of("repo", repo.toString(), "goal", Demo.GOAL, "approval", "manual",
                "checks", List.of(Map.of("name", "unit-tests", "command", Demo.CHECK_COMMAND)));
        String id = new PlatformClient(cluster.planner()).createSession(request).path("id").asText();

        browser.driver.get(console + "#/sessions/" + id);
        wait(By.id("session-status"), "AWAITING_APPROVAL");
        browser.driver.findElement(By.id("cancel")).click();

        wait(By.id("control-answer"), "cancel d1 received");
        wait(By.id("session-status"), "CANCELLED");
        wait(By.id("feed"), "session.cancelled");
        assertThat(browser.driver.findElement(By.id("cancel")).isEnabled()).isFalse();
        browser.screenshot("session-cancelled");
    }

    @Test
    @Order(5)
    void aBestOfFiveStepShowsItsVariantsAsCardsWithTheirDiffsSideBySide() {
        DemoScenario scenario = DemoScenarios.scripted().stream().filter(s -> s.name().equals("best-of-5"))
                .findFirst().orElseThrow();
        Path repo = Demo.prepareRepository(layout, work.resolve("best-of-5"));
        String id = new PlatformClient(cluster.planner()).createSession(scenario.sessionRequest(repo)).path("id")
                .asText();

        browser.driver.get(console + "#/sessions/" + id);
        // The simulator answers variant k by its seed: 1 and 3 fail the tests; 2 wins with the fewest lines (14).
        By winner = By.cssSelector("#step-s1 .variants article.variant.winner");
        wait(winner, "winner");
        assertThat(browser.driver.findElement(winner).getDomAttribute("data-variant")).isEqualTo("2");
        assertThat(text(winner)).contains("fewest changed lines").contains("Tokens").contains("Size");
        assertThat(browser.driver.findElements(By.cssSelector("#step-s1 article.variant"))).hasSize(5);
        assertThat(text(By.cssSelector("#step-s1 article.variant[data-variant='1']"))).contains("REJECTED")
                .contains("unit-tests");
        wait(By.cssSelector("#step-s1 .candidate-diff[data-variant='2'] pre.diff"), "word_count");

        browser.driver.findElement(By.cssSelector("#step-s1 .candidate-diff button[data-mode='side-by-side']")).click();
        WebElement added = waitVisible(By.cssSelector("#step-s1 .candidate-diff table.diff-split td.diff-add"));
        assertThat(added.getText()).startsWith("+");
        assertThat(browser.driver.findElements(By.cssSelector("#step-s1 .candidate-diff .tok-kw"))).isNotEmpty();

        browser.driver.findElement(By.cssSelector("#step-s1 article.variant[data-variant='0'] .show-diff")).click();
        wait(By.cssSelector("#step-s1 .candidate-diff[data-variant='0'] table.diff-split"), "word_count");
        // A loser's diff too, labelled with why it lost.
        browser.driver.findElement(By.cssSelector("#step-s1 article.variant[data-variant='1'] .show-diff")).click();
        wait(By.cssSelector("#step-s1 .candidate-diff.rejected-diff[data-variant='1'] table.diff-split"), "+");
        assertThat(text(By.cssSelector("#step-s1 .candidate-diff[data-variant='1']"))).contains("REJECTED")
                .contains("unit-tests");
        wait(By.id("session-status"), "COMPLETED");
        browser.driver.findElement(By.cssSelector("#step-s1 article.variant[data-variant='2'] .show-diff")).click();
        wait(By.cssSelector("#step-s1 .candidate-diff[data-variant='2'] table.diff-split"), "word_count");
        // The cards and the winner's diff below them, for docs/images/console-best-of-5.png.
        ((JavascriptExecutor) browser.driver).executeScript("document.getElementById('step-s1').scrollIntoView()");
        browser.screenshot("session-best-of-5", 1280, 2000);
    }

    @Test
    @Order(6)
    void theSkillsViewListsTheDemosSkillRendersItsSkillMdTrustsAndUntrustsIt() {
        browser.driver.get(console + "#/skills");
        // The session completed in @Order(3) is captured as a skill by the registry, read through the planner.
        By first = By.cssSelector("#skill-rows tr[data-skill] a");
        By reload = By.cssSelector("#skill-search button[type=submit]");
        browser.waiting().until(d -> {
            if (!d.findElements(first).isEmpty()) {
                return true;
            }
            d.findElement(reload).click();   // the list is read once: read it again until the capture is in
            return false;
        });
        String name = browser.driver.findElement(first).getText();
        browser.driver.findElement(By.id("skill-query")).sendKeys(name.replace('-', ' '));
        browser.driver.findElement(reload).click();
        wait(By.id("skills-state"), " for \"");
        wait(By.id("skill-rows"), name);
        browser.screenshot("skills");

        browser.driver.findElement(By.cssSelector("#skill-rows tr[data-skill='" + name + "'] a")).click();
        wait(By.id("skill-name"), name);
        wait(By.id("skill-stats"), "Captured sessions");
        waitVisible(By.cssSelector("#skill-md .markdown"));
        browser.driver.findElement(By.id("trust-skill")).click();
        wait(By.id("skill-answer"), "Trusted.");
        wait(By.id("skill-name"), "TRUSTED");
        browser.screenshot("skill");
        browser.driver.findElement(By.id("untrust-skill")).click();
        wait(By.id("skill-answer"), "Trust withdrawn.");
        wait(By.id("skill-name"), "CANDIDATE");
        wait(By.id("skill-status-reason"), "trust withdrawn by a person");
    }

    @Test
    @Order(7)
    void theClusterViewShowsEveryServiceUpAndTheBrokersBacklogAndDeadLetters() {
        browser.driver.get(console + "#/cluster");
        for (String service : List.of("planner", "executor", "verifier", "skills-registry")) {
            wait(By.cssSelector("#service-rows tr[data-service='" + service + "']"), "UP");
        }
        // The cluster's one executor (LocalCluster.Options.defaults) is the one consumer of its group.
        wait(By.cssSelector("#group-rows tr[data-group='ratchet-executors'] td:nth-child(4)"), "1");
        waitVisible(By.cssSelector("#dlq-rows tr[data-topic='ratchet.steps.requested.dlq']"));
        assertThat(text(By.id("cluster-errors"))).isEmpty();
        browser.screenshot("cluster");
    }

    private static void signIn(String key) {
        WebElement input = waitVisible(By.id("api-key"));
        input.clear();
        input.sendKeys(key);
        browser.driver.findElement(By.cssSelector("#key-form button[type=submit]")).click();
    }

    /** Fills the new-session form (null leaves a field as it is) and submits it. */
    private static void submit(String repo, String goal, String checks, boolean manual) {
        type("new-repo", repo);
        type("new-goal", goal);
        type("new-checks", checks);
        WebElement approval = browser.driver.findElement(By.id("new-approval"));
        if (approval.isSelected() != manual) {
            approval.click();
        }
        browser.driver.findElement(By.cssSelector("#new-session button[type=submit]")).click();
    }

    private static void type(String id, String value) {
        if (value != null) {
            WebElement field = browser.driver.findElement(By.id(id));
            field.clear();
            field.sendKeys(value);
        }
    }

    private static WebElement waitVisible(By by) {
        return browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private static void wait(By by, String text) {
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    private static String text(By by) {
        return browser.driver.findElement(by).getText();
    }
}
