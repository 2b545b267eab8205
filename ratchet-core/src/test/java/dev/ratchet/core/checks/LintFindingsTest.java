package dev.ratchet.core.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.ratchet.core.Fixtures;
import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.CheckResult;
import dev.ratchet.core.json.Json;

/** Lint findings counted on real compiler output and on samples of each linter's documented format (fixtures/lint). */
class LintFindingsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "gcc-12-wall.txt, 3", // three warnings; the "In function" headers and the caret lines are not findings
            "javac-17-xlint.txt, 4", // four warnings; "4 warnings" and the indented explanations are not
            "ruff-concise.txt, 3",
            "flake8.txt, 2",
            "eslint-unix.txt, 2",
            "mypy.txt, 2", // the note that follows an error explains it and is not counted
            "go-vet.txt, 1",
            "clean-and-noise.txt, 0"})
    void countsTheFindingsOfEachFormat(String fixture, int findings) {
        assertThat(LintFindings.count(Fixtures.read("lint/" + fixture))).isEqualTo(findings);
    }

    @Test
    void colourCodesAreIgnoredAndOverlongLinesAndEmptyOutputCountNothing() {
        assertThat(LintFindings.count("\u001B[01m\u001B[Kcalc.c:4:9:\u001B[m\u001B[K \u001B[01;35mwarning:\u001B[m "
                + "suggest parentheses")).isEqualTo(1);
        assertThat(LintFindings.count("app.py:1:1: E501 " + "x".repeat(LintFindings.MAX_LINE_CHARS))).isZero();
        assertThat(LintFindings.count("")).isZero();
        assertThat(LintFindings.count(null)).isZero();
        assertThat(LintFindings.count("app.py:1:1:   \n")).as("no message").isZero();
    }

    @Test
    void onlyCommandChecksOfTheReviewAndFastStagesAreCounted() {
        String output = Fixtures.read("lint/ruff-concise.txt");
        assertThat(LintFindings.of(check(Check.Stage.FAST, null), output)).isEqualTo(3);
        assertThat(LintFindings.of(check(Check.Stage.REVIEW, null), output)).isEqualTo(3);
        assertThat(LintFindings.of(check(Check.Stage.TEST, null), "tests/test_cart.py:12: AssertionError"))
                .as("a test runner prints the same shape for a failure").isNull();
        assertThat(LintFindings.of(check(Check.Stage.FAST, new Check.Browser(8080, null, 0)), output)).isNull();
    }

    @Test
    void aCandidatesTotalIsTheSumOfItsCountedChecksAndUnknownWhenNoneWas() {
        CheckResult unit = new CheckResult("unit", "pytest -q", 0, true, false, 900, "3 passed");
        assertThat(LintFindings.total(List.of(unit))).isNull();
        assertThat(LintFindings.total(List.of(unit, unit.withLintFindings(0)))).isZero();
        assertThat(LintFindings.total(List.of(unit.withLintFindings(2), unit, unit.withLintFindings(3))))
                .isEqualTo(5);
        assertThat(LintFindings.describe(null)).isEqualTo("no lint count");
        assertThat(LintFindings.describe(1)).isEqualTo("1 lint finding");
        assertThat(LintFindings.describe(0)).isEqualTo("0 lint findings");
    }

    @Test
    void theCountIsAnAdditiveFieldOfACheckResultAndOlderJsonReadsWithout() {
        CheckResult plain = new CheckResult("lint", "ruff check .", 0, true, false, 90, "");
        assertThat(Json.write(plain)).as("a result without a count is written as before")
                .doesNotContain("lintFindings");
        CheckResult counted = plain.withLintFindings(3);
        String json = Json.write(counted);
        assertThat(json).contains("\"lintFindings\":3");
        assertThat(Json.read(json, CheckResult.class)).isEqualTo(counted);
        assertThat(Json.read(Json.write(plain), CheckResult.class).lintFindings()).isNull();
        assertThat(counted.fromCache(null, List.of()).lintFindings()).as("kept from the cache").isEqualTo(3);
    }

    private static Check check(Check.Stage stage, Check.Browser browser) {
        return new Check("lint", "ruff check --output-format concise .", 60, stage, Check.When.STEP, browser);
    }
}
