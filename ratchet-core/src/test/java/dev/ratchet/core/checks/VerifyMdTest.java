package dev.ratchet.core.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.Check;

class VerifyMdTest {

    private static final String FENCE = "```";

    @Test
    void readsEveryRatchetChecksBlockInOrderWithTheApiDefaults() {
        String md = """
                # How this project is verified

                Fast checks first.

                ```ratchet-checks
                [
                  {"name": "lint", "command": "ruff check .", "timeoutSeconds": 60, "stage": "fast"},
                  {"name": "unit-tests", "command": "python3 -m unittest -q"}
                ]
                ```

                A block in another language is prose:

                ```json
                [{"name": "not-a-check", "command": "false"}]
                ```

                ~~~ratchet-checks
                [{"name": "ui", "command": "python3 -m http.server 8000", "when": "final", "timeoutSeconds": 120,
                  "browser": {"port": 8000, "paths": ["/", "/about.html"], "readySeconds": 10}}]
                ~~~
                """;

        assertThat(VerifyMd.checks(md)).containsExactly(
                new Check("lint", "ruff check .", 60, Check.Stage.FAST, Check.When.STEP, null),
                new Check("unit-tests", "python3 -m unittest -q", 300, Check.Stage.TEST, Check.When.STEP, null),
                new Check("ui", "python3 -m http.server 8000", 120, Check.Stage.TEST, Check.When.FINAL,
                        new Check.Browser(8000, List.of("/", "/about.html"), 10)));
    }

    @Test
    void aFileWithoutABlockDeclaresNothing() {
        assertThat(VerifyMd.checks("# VERIFY\n\nRun `make test` before you push.\n")).isEmpty();
        assertThat(VerifyMd.checks("")).isEmpty();
    }

    @Test
    void aLongerFenceHoldsTheShorterOne() {
        String md = "````ratchet-checks\n[{\"name\": \"t\", \"command\": \"echo '```'\"}]\n````\n";

        assertThat(VerifyMd.checks(md)).extracting(Check::command).containsExactly("echo '```'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not closed        | 'x\\n```ratchet-checks\\n[]\\n'                                            | VERIFY.md line 2: the ratchet-checks block is not closed
            not JSON          | '```ratchet-checks\\n[\\n  {name: 1}\\n]\\n```'                             | VERIFY.md line 3: the ratchet-checks block must be a JSON array of checks
            an object         | '```ratchet-checks\\n{"name": "t", "command": "c"}\\n```'                  | VERIFY.md line 2: the ratchet-checks block must be a JSON array of checks
            an unknown field  | '```ratchet-checks\\n[{"name": "t", "command": "c", "timeout": 5}]\\n```'  | VERIFY.md line 2: the ratchet-checks block must be a JSON array of checks ({"name", "command", "timeoutSeconds", "stage", "when", "browser"}): Unrecognized field "timeout"
            a bad stage       | '```ratchet-checks\\n[{"name": "t", "command": "c", "stage": "slow"}]\\n```' | VERIFY.md line 2: the ratchet-checks block must be a JSON array of checks
            empty             | '```ratchet-checks\\n```'                                                  | VERIFY.md line 1: the ratchet-checks block is empty
            a null check      | '```ratchet-checks\\n[null]\\n```'                                         | VERIFY.md line 1: check 0 is null
            """)
    void aBlockThatCannotBeReadIsAnErrorNamingTheLine(String what, String md, String message) {
        assertThatThrownBy(() -> VerifyMd.checks(md.replace("\\n", "\n"))).as(what)
                .isInstanceOf(CheckFileException.class).hasMessageStartingWith(message);
    }

    @Test
    void aHugeFileIsRefusedBeforeItIsRead() {
        assertThatThrownBy(() -> VerifyMd.checks("x".repeat(VerifyMd.MAX_CHARS + 1)))
                .isInstanceOf(CheckFileException.class)
                .hasMessage("VERIFY.md is 262145 characters, over the limit of 262144");
    }

    @Test
    void theCleanupBlockDeclaresTheFixerBesideTheChecks() {
        String md = """
                ```ratchet-checks
                [{"name": "unit", "command": "python3 -m unittest"}]
                ```

                ```ratchet-cleanup
                {"name": "ruff-fix", "command": "ruff check --fix .", "timeoutSeconds": 60}
                ```
                """;

        assertThat(VerifyMd.fixer(md)).contains(new Fixer("ruff-fix", "ruff check --fix .", 60));
        assertThat(VerifyMd.checks(md)).extracting(Check::name).containsExactly("unit");
        assertThat(VerifyMd.fixer("no block here")).isEmpty();
    }

    @Test
    void aCleanupBlockThatIsNotOneFixerNamesTheLine() {
        assertThatThrownBy(() -> VerifyMd.fixer("# V\n\n```ratchet-cleanup\n{\"command\": \"x\", \"stage\": \"fast\"}\n```\n"))
                .isInstanceOf(CheckFileException.class)
                .hasMessageStartingWith("VERIFY.md line 4: the ratchet-cleanup block must be one JSON object");
        assertThatThrownBy(() -> VerifyMd.fixer("```ratchet-cleanup\n{\"command\": \"x\"}\n"))
                .isInstanceOf(CheckFileException.class).hasMessageContaining("is not closed");
    }
}
