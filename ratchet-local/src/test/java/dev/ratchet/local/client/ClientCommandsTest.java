package dev.ratchet.local.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ratchet.infra.Ports;
import dev.ratchet.local.LocalLayout;

/**
 * The client's exit codes and messages for what fails before or without an API answer: bad arguments (2), no
 * cluster and nothing listening (3). Answers from a real planner are {@code ClientCommandsIT}'s.
 */
class ClientCommandsTest {

    @TempDir
    Path home;

    record Run(int exit, String out, String err) {
    }

    private Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ClientCommands.run(new LocalLayout(home), env, List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run run(String... args) {
        return run(Map.of(), args);
    }

    @Test
    void everyClientCommandIsWiredAndHasHelp() {
        for (String name : ClientCommands.NAMES) {
            Run help = run(name, "--help");
            assertThat(help.exit()).as(name).isEqualTo(Exit.DONE);
            assertThat(help.out()).as(name).contains("Usage: ratchet " + name).contains("--url").contains("--json");
        }
        for (String name : SkillsCommands.NAMES) {
            Run help = run("skills", name, "--help");
            assertThat(help.exit()).as(name).isEqualTo(Exit.DONE);
            assertThat(help.out()).as(name).contains("Usage: ratchet skills " + name).contains("--url");
        }
    }

    @Test
    void skillsImportAndExportStayTheLaunchersAndTheRestIsTheClients() {
        assertThat(ClientCommands.handles(List.of("skills", "list"))).isTrue();
        assertThat(ClientCommands.handles(List.of("skills", "search", "q"))).isTrue();
        assertThat(ClientCommands.handles(List.of("skills", "import", "."))).isFalse();
        assertThat(ClientCommands.handles(List.of("skills"))).isFalse();
        assertThat(ClientCommands.handles(List.of("follow", "id"))).isTrue();
        assertThat(ClientCommands.handles(List.of("demo"))).isFalse();
    }

    @Test
    void aMissingRequiredOptionIsAUsageErrorNamingIt() {
        Run run = run("submit", "--goal", "x");

        assertThat(run.exit()).isEqualTo(Exit.USAGE);
        assertThat(run.err()).contains("--repo");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Run run = run("show", "some-id", "--colour");

        assertThat(run.exit()).isEqualTo(Exit.USAGE);
        assertThat(run.err()).contains("--colour");
    }

    @Test
    void steerWithoutADirectiveIsAUsageErrorListingThem() {
        Run run = run(Map.of(Connection.URL_ENV, "http://127.0.0.1:" + Ports.free()), "steer", "some-id");

        assertThat(run.exit()).isEqualTo(Exit.USAGE);
        assertThat(run.err()).contains("steer needs a directive").contains("--note").contains("--cancel");
    }

    @Test
    void guardrailsThatAreNotAJsonObjectAreAUsageErrorNamingTheOption() {
        Run notJson = run(Map.of(Connection.URL_ENV, "http://127.0.0.1:" + Ports.free()), "steer", "some-id",
                "--guardrails", "{noDeletes");
        Run notObject = run(Map.of(Connection.URL_ENV, "http://127.0.0.1:" + Ports.free()), "steer", "some-id",
                "--guardrails", "[1]");

        assertThat(notJson.exit()).isEqualTo(Exit.USAGE);
        assertThat(notJson.err()).contains("--guardrails is not JSON");
        assertThat(notObject.exit()).isEqualTo(Exit.USAGE);
        assertThat(notObject.err()).contains("--guardrails must be a JSON object");
    }

    @Test
    void feedbackWithoutRedoIsAUsageError() {
        Run run = run(Map.of(Connection.URL_ENV, "http://127.0.0.1:" + Ports.free()), "steer", "some-id",
                "--feedback", "smaller");

        assertThat(run.exit()).isEqualTo(Exit.USAGE);
        assertThat(run.err()).contains("--feedback goes with --redo");
    }

    @Test
    void aUrlWithoutSchemeOrAnIdThatNoUriHoldsIsAUsageErrorNotAnUnreachableCluster() {
        Run noScheme = run("sessions", "--url", "localhost:8080", "--api-key", "k");
        Run badId = run(Map.of(Connection.URL_ENV, "http://127.0.0.1:" + Ports.free()), "show", "an id");

        assertThat(noScheme.exit()).isEqualTo(Exit.USAGE);
        assertThat(noScheme.err()).startsWith("sessions: ");
        assertThat(badId.exit()).isEqualTo(Exit.USAGE);
        assertThat(badId.err()).startsWith("show: ").contains("Illegal character");
    }

    @Test
    void withNoClusterRunningAndNoUrlTheClientSaysHowToStartOne() {
        Run run = run("sessions");

        assertThat(run.exit()).isEqualTo(Exit.UNREACHABLE);
        assertThat(run.err()).contains("no Ratchet cluster is running here").contains("./ratchet up")
                .contains("RATCHET_URL");
    }

    @Test
    void nothingListeningAtTheUrlIsUnreachable() {
        int closed = Ports.free();

        Run run = run(Map.of(Connection.URL_ENV, "http://127.0.0.1:" + closed, Connection.KEY_ENV, "k"), "show",
                "some-id");

        assertThat(run.exit()).isEqualTo(Exit.UNREACHABLE);
        assertThat(run.err()).startsWith("show: GET http://127.0.0.1:" + closed + "/api/v1/sessions/some-id failed");
    }

    @Test
    void anUnreadableKeyFileIsAUsageErrorNamingIt() {
        Run run = run("show", "some-id", "--url", "http://127.0.0.1:1", "--api-key-file",
                home.resolve("missing").toString());

        assertThat(run.exit()).isEqualTo(Exit.USAGE);
        assertThat(run.err()).contains("--api-key-file: cannot read " + home.resolve("missing"));
    }

    @Test
    void submitSendsAnAbsoluteRepositoryTheChecksInOrderAndManualApproval() {
        SubmitCommand submit = new SubmitCommand(new ClientCommand.Context(new LocalLayout(home), Map.of()));
        new picocli.CommandLine(submit).parseArgs("--repo", "some/repo", "--goal", "g", "--check", "lint=ruff check .",
                "--check", "tests=python3 -m unittest -k a=b", "--approve-plan", "--guardrails", "{\"noDeletes\":true}");

        Map<String, Object> body = submit.body();

        assertThat(body.get("repo")).isEqualTo(Path.of("some/repo").toAbsolutePath().normalize().toString());
        assertThat(body.get("checks")).isEqualTo(List.of(Map.of("name", "lint", "command", "ruff check ."),
                Map.of("name", "tests", "command", "python3 -m unittest -k a=b")));
        assertThat(body.get("approval")).isEqualTo("manual");
        assertThat(body.get("guardrails").toString()).isEqualTo("{\"noDeletes\":true}");
    }

    @Test
    void submitSendsVariantsAndTheBudgetOnlyWhenAsked() {
        SubmitCommand plain = new SubmitCommand(new ClientCommand.Context(new LocalLayout(home), Map.of()));
        new picocli.CommandLine(plain).parseArgs("--repo", "/r", "--goal", "g");
        SubmitCommand full = new SubmitCommand(new ClientCommand.Context(new LocalLayout(home), Map.of()));
        new picocli.CommandLine(full).parseArgs("--repo", "/r", "--goal", "g", "--variants", "5", "--select",
                "first", "--budget-tokens", "20000");

        assertThat(plain.body()).containsOnlyKeys("repo", "goal");
        assertThat(full.body()).containsEntry("variants", 5).containsEntry("select", "first")
                .containsEntry("budget", Map.of("tokens", 20_000L));
    }

    @Test
    void untrustedTextLosesTerminalEscapesAndNewlines() {
        assertThat(Text.oneLine("goal\u001b[31m red\n\tand more", 100)).isEqualTo("goal [31m red and more");
        assertThat(Text.oneLine("x".repeat(50), 10)).isEqualTo("xxxxxxx...");
    }
}
