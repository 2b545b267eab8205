package dev.ratchet.core.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.ratchet.core.Fixtures;
import dev.ratchet.core.event.Check;

/** Real AGENTS.md files (fixtures, see their README) and the shapes a test command is documented in. */
class AgentsMdTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            agentsmd-agents.md-AGENTS.md                | npm run test
            agentsmd-agents.md-README-example-AGENTS.md | pnpm test
            strimzi-strimzi-kafka-operator-AGENTS.md    | mvn test
            """)
    void realFilesGiveTheirFirstClearTestCommand(String file, String command) {
        assertThat(AgentsMd.testCheck(Fixtures.read("agents-md/" + file)))
                .contains(new Check(AgentsMd.CHECK_NAME, command, 300));
    }

    @Test
    void theSampleProjectsListItem() {
        String md = "# AGENTS.md\n\n## Commands\n- Run the tests: `python3 -m unittest discover -s tests -t .`\n";

        assertThat(AgentsMd.testCheck(md).map(Check::command)).contains("python3 -m unittest discover -s tests -t .");
    }

    @Test
    void aShellBlockUnderATestingHeadingSkippingWhatInstalls() {
        String md = """
                ## Setup
                ```bash
                make check
                ```

                ## Testing
                ```bash
                $ npm install
                # the suite
                $ npm test
                ```
                """;

        assertThat(AgentsMd.testCheck(md).map(Check::command)).contains("npm test");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no test command                    | '## Build\\n- Build it: `make all`\\n'
            a placeholder                      | '- Run the tests of one package: `pnpm test --filter <project_name>`\\n'
            two commands in one item           | '- Always run `pnpm lint` and `pnpm test` before committing.\\n'
            an install                         | '- Tests need: `pip install -e .[test]`\\n'
            a watcher that never ends          | '- Tests: `npm test -- --watch`\\n'
            skipping the tests                 | '- Skip all tests: `MVN_ARGS=-DskipTests make all`\\n'
            privilege                          | '- Run the tests: `sudo make test`\\n'
            a shell block under another heading | '## Build\\n```sh\\npytest -q\\n```\\n'
            a block of another language        | '## Tests\\n```python\\nimport pytest\\n```\\n'
            prose without a list               | 'Run the tests with `pytest`.\\n'
            """)
    void anythingLessClearGivesNoCheck(String what, String md) {
        assertThat(AgentsMd.testCheck(md.replace("\\n", "\n"))).as(what).isEqualTo(Optional.empty());
    }
}
