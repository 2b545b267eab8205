package dev.ratchet.planner.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.SimulatedModelResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * The console is served by the planner itself: its page, style sheet and every JavaScript module the page imports
 * (followed from {@code js/app.js}, so a broken import fails here) answer 200 with their content type and the
 * console's Content-Security-Policy, without a key; the API they call still answers 401 without one.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(SimulatedModelResource.class)
class ConsoleAssetsTest {

    private static final Pattern IMPORT = Pattern.compile("from '\\./([a-z-]+\\.js)'");

    @BeforeEach
    void noKey() {
        RestAssured.requestSpecification = null;
    }

    @Test
    void consoleRedirectsToItsFolderAndServesThePage() {
        given().redirects().follow(false).get("/console").then().statusCode(301)
                .header("Location", endsWith("/console/"));

        Response page = given().get("/console/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'")
                .contains("frame-ancestors 'none'");
        assertThat(page.asString()).contains("<script type=\"module\" src=\"/console/js/app.js\">")
                .contains("href=\"/console/console.css\"");
        given().get("/console/console.css").then().statusCode(200).contentType(containsString("text/css"));
    }

    @Test
    void everyModuleThePageImportsIsServedAsJavaScript() {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add("app.js");
        while (!todo.isEmpty()) {
            String module = todo.pop();
            if (!seen.add(module)) {
                continue;
            }
            Response js = given().get("/console/js/" + module);
            assertThat(js.statusCode()).as(module).isEqualTo(200);
            assertThat(js.contentType()).as(module).contains("javascript");
            assertThat(js.asString()).as(module + " builds markup from strings").doesNotContain("innerHTML")
                    .doesNotContain("insertAdjacentHTML").doesNotContain("document.write");
            Matcher imports = IMPORT.matcher(js.asString());
            while (imports.find()) {
                todo.add(imports.group(1));
            }
        }
        assertThat(seen).contains("api.js", "sse.js", "dom.js", "board.js", "session.js", "cards.js", "controls.js",
                "diffview.js", "highlight.js", "skills.js", "cluster.js");
    }

    @Test
    void theApiTheConsoleCallsStillNeedsAKey() {
        given().get("/api/v1/sessions").then().statusCode(401)
                .contentType(containsString("application/problem+json"))
                .body("status", equalTo(401));
    }
}
