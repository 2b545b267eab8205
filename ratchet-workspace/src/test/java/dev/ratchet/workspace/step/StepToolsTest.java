package dev.ratchet.workspace.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.TextNode;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.guardrail.Guardrails;
import dev.ratchet.core.guardrail.GuardrailsUpdate;
import dev.ratchet.core.prompt.TokenBudget;
import dev.ratchet.models.ToolCall;
import dev.ratchet.workspace.sandbox.SandboxConfig;
import dev.ratchet.workspace.sandbox.SandboxRunner;

/** The five tools on a real git workspace, called as the model calls them: JSON arguments in, text out. */
class StepToolsTest {

    private static SandboxRunner sandbox;

    @TempDir
    Path tmp;

    StepRepo repo;
    StepTools tools;

    @BeforeAll
    static void startSandbox() {
        sandbox = new SandboxRunner(SandboxConfig.defaults());
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void workspace() {
        repo = StepRepo.create(tmp);
        tools = tools(Guardrails.DEFAULTS, Duration.ofSeconds(5));
    }

    private StepTools tools(Guardrails guardrails, Duration searchLimit) {
        RepoFiles files = new RepoFiles(repo.ws.tree(), guardrails, StepLimits.DEFAULT_MAX_READ_BYTES);
        List<Check> checks = List.of(
                new Check("unit", "python3 -c 'import app; print(app.greet())' && echo unit-ok", 30),
                new Check("probe", "touch made-by-check.txt; pwd; cat app.py", 30));
        return new StepTools(List.of(new ReadFileTool(files), new ListFilesTool(() -> files.visible(repo.ws.files())),
                new SearchTool(() -> files.visible(repo.ws.files()), files, searchLimit),
                new ApplyPatchTool(repo.ws.tree(), guardrails),
                new RunCheckTool(checks, repo.ws.dir(), sandbox::run, Instant.now().plusSeconds(120))),
                new TokenBudget(8000), 2000);
    }

    private StepTools.Result call(String tool, String arguments) {
        return tools.call(new ToolCall("call_1", tool, arguments));
    }

    private static String patch(String body) {
        return "{\"patch\": " + TextNode.valueOf(body) + "}";
    }

    @Test
    void readFileShowsTextWholeOrByLines() {
        assertThat(call("read_file", "{\"path\": \"app.py\"}").text())
                .isEqualTo("app.py (lines 1-2 of 2):\ndef greet():\n    return 'hi'\n");
        assertThat(call("read_file", "{\"path\": \"tests/test_app.py\", \"startLine\": 3, \"endLine\": 9}").text())
                .isEqualTo("tests/test_app.py (lines 3-3 of 3):\nassert greet() == 'hi'\n");
        assertThat(call("read_file", "{\"path\": \"app.py\", \"startLine\": 5}"))
                .isEqualTo(new StepTools.Result("app.py has 2 lines; startLine 5 is past the end", true));
    }

    @Test
    void readFileRefusesForbiddenPathsSymlinksAndEscapes() {
        assertThat(call("read_file", "{\"path\": \".env\"}")).satisfies(r -> {
            assertThat(r.failed()).isTrue();
            assertThat(r.text()).startsWith("[forbidden-path] .env matches the forbidden pattern '.env*'")
                    .doesNotContain("do-not-show-me");
        });
        for (String path : List.of("link/secret.txt", "cred", "../outside/secret.txt", "/etc/passwd")) {
            StepTools.Result result = call("read_file", "{\"path\": \"" + path + "\"}");
            assertThat(result.failed()).as(path).isTrue();
            assertThat(result.text()).as(path).startsWith("[path-escape]").doesNotContain(StepRepo.SECRET);
        }
        assertThat(call("read_file", "{\"path\": \"data\"}").text()).isEqualTo("data is a directory: list it with "
                + "list_files");
        assertThat(call("read_file", "{\"path\": \"nope.py\"}").text()).isEqualTo("no such file: nope.py");
        assertThat(call("read_file", "{\"path\": 3}").text()).isEqualTo("the argument 'path' must be a string");
        assertThat(call("read_file", "{not json").text()).startsWith("the arguments are not valid JSON");
    }

    @Test
    void largeAndBinaryFilesAreDescribedNotShown() {
        assertThat(call("read_file", "{\"path\": \"data/big.csv\"}")).isEqualTo(new StepTools.Result(
                "data/big.csv: text, 300.0 KiB, over the 256.0 KiB read limit; not shown (search does not read it "
                        + "either)", false));
        assertThat(call("read_file", "{\"path\": \"logo.png\"}"))
                .isEqualTo(new StepTools.Result("logo.png: binary, 16 B; not shown", false));
    }

    @Test
    void aHugeSparseFileIsDescribedFromItsSizeAndFirstBytes() throws Exception {
        try (java.io.RandomAccessFile file = new RandomAccessFile(repo.ws.dir().resolve("huge.bin").toFile(),
                "rw")) {
            file.setLength(150L * 1024 * 1024);
        }

        assertThat(call("read_file", "{\"path\": \"huge.bin\"}").text()).isEqualTo("huge.bin: binary, 150.0 MiB; not "
                + "shown");
    }

    @Test
    void listFilesShowsWhatTheModelMaySeeByDirectoryOrGlob() {
        assertThat(call("list_files", "{}").text().lines().toList()).containsExactlyInAnyOrder("AGENTS.md",
                "app.py", "cred", "data/big.csv", "link", "logo.png", "tests/test_app.py")
                .doesNotContain(".env");
    }

    @Test
    void listFilesFiltersAndCountsNewFiles() {
        assertThat(call("apply_patch", patch("*** Begin Patch\n*** Add File: src/new.py\n+x = 1\n*** End Patch\n"))
                .failed()).isFalse();

        assertThat(call("list_files", "{\"path\": \"*.py\"}").text().lines().toList())
                .containsExactlyInAnyOrder("app.py", "src/new.py", "tests/test_app.py");
        assertThat(call("list_files", "{\"path\": \"tests/\"}").text()).isEqualTo("tests/test_app.py\n");
        assertThat(call("list_files", "{\"path\": \"docs\"}").text()).isEqualTo("no files match docs");
        assertThat(call("list_files", "{\"path\": \"../x\"}").failed()).isTrue();
    }

    @Test
    void searchFindsLinesInTextFilesOnly() {
        String result = call("search", "{\"pattern\": \"greet|API_KEY|row 1,\"}").text();

        assertThat(result).contains("app.py:1: def greet():\n").contains("tests/test_app.py:1: from app import greet\n")
                .doesNotContain("API_KEY").doesNotContain(".env")
                .contains("(not searched: data/big.csv: text, 300.0 KiB, over the 256.0 KiB read limit");
        assertThat(call("search", "{\"pattern\": \"GREET\", \"ignoreCase\": true, \"path\": \"tests\"}").text())
                .isEqualTo("tests/test_app.py:1: from app import greet\ntests/test_app.py:3: assert greet() == "
                        + "'hi'\n");
        assertThat(call("search", "{\"pattern\": \"(unclosed\"}").text()).startsWith("not a valid regular expression");
    }

    @Test
    void aSearchThatBacktracksForeverStopsAtItsLimit() throws Exception {
        Files.writeString(repo.ws.dir().resolve("slow.txt"), "a".repeat(40) + "!\n");
        tools = tools(Guardrails.DEFAULTS, Duration.ofMillis(200));

        StepTools.Result result = call("search", "{\"pattern\": \"(.*a){12}b\"}");

        assertThat(result.failed()).isTrue();
        assertThat(result.text()).startsWith("the search ran past its 200 ms limit");
    }

    @Test
    void aSearchThatRecursesTooDeeplyIsRefused() throws Exception {
        Files.writeString(repo.ws.dir().resolve("deep.txt"), "a".repeat(50_000) + "!\n");

        StepTools.Result result = call("search", "{\"pattern\": \"(a|aa)+b\"}");

        assertThat(result).isEqualTo(new StepTools.Result("the pattern recurses too deeply on deep.txt:1; use a "
                + "simpler pattern", true));
    }

    @Test
    void aMalformedOrMisfittingPatchIsAnsweredPreciselyAndWritesNothing() {
        StepTools.Result unclosed = call("apply_patch", patch("*** Begin Patch\n*** Add File: x.py\n+x = 1\n"));
        assertThat(unclosed).isEqualTo(new StepTools.Result("the patch is malformed; nothing was written: line 1: "
                + "the envelope opened by '*** Begin Patch' is never closed: end it with a '*** End Patch' line", true));
        StepTools.Result malformed = call("apply_patch", patch("*** Begin Patch\n*** Frobnicate File: app.py\n"
                + "*** End Patch\n"));
        assertThat(malformed.failed()).isTrue();
        assertThat(malformed.text()).startsWith("the patch is malformed; nothing was written: line 2");

        StepTools.Result misfit = call("apply_patch", patch("""
                *** Begin Patch
                *** Add File: other.py
                +y = 2
                *** Update File: app.py
                @@
                 def greet():
                -    return 'hello'
                +    return 'hey'
                *** End Patch
                """));
        assertThat(misfit.failed()).isTrue();
        assertThat(misfit.text()).startsWith("the patch does not fit the files; nothing was written:\n")
                .contains("app.py: hunk 1").contains("-    return 'hello'").contains("    1| def greet():");
        assertThat(repo.ws.dir().resolve("other.py")).doesNotExist();
        assertThat(repo.read("app.py")).isEqualTo("def greet():\n    return 'hi'\n");
    }

    @Test
    void everyFormatApplies() {
        assertThat(call("apply_patch", patch("""
                diff --git a/app.py b/app.py
                --- a/app.py
                +++ b/app.py
                @@ -1,2 +1,2 @@
                 def greet():
                -    return 'hi'
                +    return 'hello'
                """))).isEqualTo(new StepTools.Result("applied:\nM app.py\n", false));
        assertThat(call("apply_patch", patch("""
                app.py
                <<<<<<< SEARCH
                    return 'hello'
                =======
                    return 'hey'
                >>>>>>> REPLACE
                """)).failed()).isFalse();
        assertThat(repo.read("app.py")).isEqualTo("def greet():\n    return 'hey'\n");
    }

    @Test
    void guardrailViolationsNameTheRuleAndWriteNothing() {
        assertThat(call("apply_patch", patch("*** Begin Patch\n*** Delete File: tests/test_app.py\n*** End Patch\n"))
                .text()).startsWith("the patch breaks 1 guardrail; nothing was written:\n- [no-deletes] ");
        assertThat(call("apply_patch", patch("*** Begin Patch\n*** Add File: .env.local\n+A=1\n*** End Patch\n"))
                .text()).contains("[forbidden-path] .env.local matches the forbidden pattern '.env*'");
        assertThat(call("apply_patch", patch("*** Begin Patch\n*** Add File: link/pwned.txt\n+owned\n*** End Patch\n"))
                .text()).contains("[path-escape] link/pwned.txt goes through the symlink link");
        assertThat(call("apply_patch", patch("*** Begin Patch\n*** Add File: client.py\n+KEY = \"sk-proj-"
                + "Xq3mZ9aB7cD1eF5gH2iJ8kL4mN6oP0qR\"\n*** End Patch\n")).text()).contains("[secret] client.py:1");

        assertThat(repo.ws.dir().resolve("tests/test_app.py")).exists();
        assertThat(repo.ws.dir().resolve(".env.local")).doesNotExist();
        assertThat(repo.outside.resolve("pwned.txt")).as("nothing written outside").doesNotExist();
        assertThat(repo.ws.dir().resolve("client.py")).doesNotExist();
    }

    @Test
    void theStepsSizeLimitsAddUpOverItsPatches() {
        tools = tools(Guardrails.DEFAULTS.merge(new GuardrailsUpdate(null, null, null,
                null, 5, null, null)), Duration.ofSeconds(5));

        assertThat(call("apply_patch", patch("*** Begin Patch\n*** Add File: a.py\n+1\n+2\n+3\n*** End Patch\n"))
                .failed()).isFalse();
        StepTools.Result second = call("apply_patch", patch("*** Begin Patch\n*** Add File: b.py\n+1\n+2\n+3\n"
                + "*** End Patch\n"));

        assertThat(second.failed()).isTrue();
        assertThat(second.text()).contains("[max-changed-lines] this patch changes 3 lines and the step's earlier "
                + "patches 3: 6 in all, over the limit of 5");
        assertThat(repo.ws.dir().resolve("b.py")).doesNotExist();
    }

    @Test
    void runCheckRunsOnlyDeclaredChecksInTheSandboxOnACopy() {
        StepTools.Result undeclared = call("run_check", "{\"name\": \"deploy\"}");
        assertThat(undeclared).isEqualTo(new StepTools.Result("no check named 'deploy': the session declares "
                + "'unit', 'probe'; only a declared check can run", true));
        assertThat(call("run_check", "{\"name\": \"unit\"}").text())
                .startsWith("check unit (`python3 -c 'import app; print(app.greet())' && echo unit-ok`) passed in ")
                .contains("isolation " + sandbox.isolation().label()).contains("hi\nunit-ok");

        call("apply_patch", patch("*** Begin Patch\n*** Update File: app.py\n@@\n-    return 'hi'\n+    return 'yo'\n"
                + "*** End Patch\n"));
        String probe = call("run_check", "{\"name\": \"probe\"}").text();

        assertThat(probe).as("sees the workspace as it is now").contains("return 'yo'")
                .as("in a copy of it").doesNotContain(repo.ws.dir().toString());
        assertThat(repo.ws.dir().resolve("made-by-check.txt")).as("the copy, not the workspace").doesNotExist();
    }

    @Test
    void unknownToolsAndOversizedArgumentsAreRefused() {
        assertThat(call("shell", "{\"cmd\": \"rm -rf /\"}")).isEqualTo(new StepTools.Result("no tool named 'shell'; "
                + "the tools are read_file, list_files, search, apply_patch, run_check", true));
        assertThat(call("apply_patch", "\"" + "x".repeat(StepTools.MAX_ARGUMENT_CHARS) + "\"").text())
                .startsWith("the arguments are " + (StepTools.MAX_ARGUMENT_CHARS + 2) + " characters");
    }
}
