package dev.ratchet.core.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.Check;

class SessionChecksTest {

    private static final String VERIFY_MD = "```ratchet-checks\n[{\"name\": \"suite\", \"command\": \"make test\"}]\n```\n";
    private static final String AGENTS_MD = "- Run the tests: `pytest -q`\n";
    private final AtomicInteger reads = new AtomicInteger();

    private Supplier<Optional<String>> file(String text) {
        return () -> {
            reads.incrementAndGet();
            return Optional.ofNullable(text);
        };
    }

    @Test
    void theRequestsChecksWinAndNoFileIsRead() {
        List<Check> requested = List.of(new Check("unit", "mvn -q test", 600));

        SessionChecks chosen = SessionChecks.choose(requested, file(VERIFY_MD), file(AGENTS_MD));

        assertThat(chosen).isEqualTo(new SessionChecks(SessionChecks.Source.REQUEST, requested));
        assertThat(reads).hasValue(0);
    }

    @Test
    void thenVerifyMdThenAgentsMd() {
        assertThat(SessionChecks.choose(List.of(), file(VERIFY_MD), file(AGENTS_MD))).isEqualTo(new SessionChecks(
                SessionChecks.Source.VERIFY_MD, List.of(new Check("suite", "make test", 300))));
        assertThat(SessionChecks.choose(null, file("# no block\n"), file(AGENTS_MD))).isEqualTo(new SessionChecks(
                SessionChecks.Source.AGENTS_MD, List.of(new Check("agents-md-tests", "pytest -q", 300))));
        assertThat(SessionChecks.choose(null, file(null), file(null)))
                .isEqualTo(new SessionChecks(SessionChecks.Source.NONE, List.of()));
    }

    @Test
    void aBrokenVerifyMdIsAnErrorNotAFallBackToAgentsMd() {
        assertThatThrownBy(() -> SessionChecks.choose(List.of(), file("```ratchet-checks\n[oops]\n```\n"),
                file(AGENTS_MD))).isInstanceOf(CheckFileException.class).hasMessageStartingWith("VERIFY.md line 2");
    }

    @Test
    void validationErrorsNameTheFileTheChecksCameFrom() {
        assertThat(SessionChecks.Source.REQUEST.field(2)).isEqualTo("checks[2]");
        assertThat(SessionChecks.Source.VERIFY_MD.field(0)).isEqualTo("VERIFY.md checks[0]");
        assertThat(SessionChecks.Source.AGENTS_MD.field()).isEqualTo("AGENTS.md checks");
    }
}
