package dev.ratchet.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.plan.PlanScope;

/** A step's scope line in PLAN.md reads back to the scope it shows, whatever the file names hold. */
class ScopeLineTest {

    @Test
    void theUsualLineIsAsBeforeAndReadsBack() {
        PlanScope scope = new PlanScope(List.of("textstats.py"), List.of("cli.py"), List.of("unit-tests"), 2400, 60);

        String line = ScopeLine.render(scope);

        assertThat(line).isEqualTo("_Files: `textstats.py`; new: `cli.py`; checks: unit-tests; ~2400 tokens; at most "
                + "60 changed lines_");
        assertThat(ScopeLine.parse(line)).isEqualTo(scope);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"docs/a b.md", "a, b.py", "x; checks: evil", "snake_case_.py", "_lead.py", "tick`s.py",
            "``double``.md", "`edge`", " spaced ", "  ", "back\\slash", "tab\there", "new\nline", "bell\u0007",
            "ünïcødé/文件.py", "\\u0041 literal", "~12 tokens", "at most 3 changed lines"})
    void anOddFileNameReadsBackExactly(String name) {
        PlanScope scope = new PlanScope(List.of(name, "plain.py"), List.of(name), List.of(name, "unit"), null, 3);

        String line = ScopeLine.render(scope);

        assertThat(line).doesNotContain("\n").doesNotContain("\t");
        assertThat(ScopeLine.parse(line)).isEqualTo(scope);
    }

    @Test
    void eachPartAloneReadsBack() {
        List<PlanScope> scopes = List.of(new PlanScope(List.of("a.py"), List.of(), List.of(), null, null),
                new PlanScope(List.of(), List.of("b.py"), List.of(), null, null),
                new PlanScope(List.of(), List.of(), List.of("lint", "unit"), null, null),
                new PlanScope(List.of(), List.of(), List.of(), 1, null),
                new PlanScope(List.of(), List.of(), List.of(), null, 100000));

        for (PlanScope scope : scopes) {
            assertThat(ScopeLine.parse(ScopeLine.render(scope))).isEqualTo(scope);
        }
    }

    @Test
    void aPlainFileNameAPersonTypedWithoutBackticksReadsToo() {
        assertThat(ScopeLine.parse("_Files: app.py, lib.py; at most 40 changed lines_"))
                .isEqualTo(new PlanScope(List.of("app.py", "lib.py"), List.of(), List.of(), null, 40));
    }

    @Test
    void aLineThatIsNotAScopeIsRefusedSayingWhy() {
        assertRefused("_emphasis, not a scope_", "unexpected \"emphasis, not a scope\"");
        assertRefused("__", "the scope line names nothing");
        assertRefused("_Files: `a.py_", "an unclosed ` at");
        assertRefused("_Files: docs/a b.md_", "\"docs/a b.md\" is neither a code span nor a plain name");
        assertRefused("_checks: unit; ~0 tokens_", "\"~0 tokens\" is not a positive number");
        assertRefused("_~99999999999 tokens_", "unexpected");
        assertRefused("_Files: `a\\q.py`_", "a bad escape");
        assertRefused("_at most 3 changed lines; Files: `a.py`_", "unexpected \"; Files: `a.py`\"");
        assertRefused("_checks: a b_", "\"a b\" is neither a code span nor a plain name");
    }

    private static void assertRefused(String line, String why) {
        assertThatThrownBy(() -> ScopeLine.parse(line)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(why);
    }
}
