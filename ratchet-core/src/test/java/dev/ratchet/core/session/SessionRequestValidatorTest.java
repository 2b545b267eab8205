package dev.ratchet.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ratchet.core.checks.SessionChecks;
import dev.ratchet.core.event.Check;

class SessionRequestValidatorTest {

    private static final List<Check> CHECKS = List.of(new Check("unit", "mvn -q test", 600));
    private static final String GOAL = "Add a greeting endpoint";

    private final SessionRequestValidator validator = new SessionRequestValidator(
            dir -> Files.isDirectory(dir.resolve(".git")));

    @TempDir
    Path tmp;
    private Path repo;

    @BeforeEach
    void gitRepository() throws IOException {
        repo = Files.createDirectories(tmp.resolve("repo"));
        Files.createDirectories(repo.resolve(".git"));
    }

    private List<String> fields(String repoText, String goal, List<Check> checks) {
        return validator.validate(repoText, goal, checks).stream().map(FieldViolation::field).toList();
    }

    @Test
    void validRequestHasNoViolations() {
        assertThat(validator.validate(repo.toString(), GOAL, CHECKS)).isEmpty();
        assertThat(validator.validate(repo.toUri().toString(), GOAL, CHECKS)).isEmpty();
        assertThat(validator.validate(" " + repo + "/ ", "x".repeat(8000), List.of(new Check("a", "true", 1),
                new Check("b", "true", 3600)))).isEmpty();
    }

    @Test
    void blankRepo() {
        for (String blank : new String[] {null, "", "   "}) {
            List<FieldViolation> violations = validator.validate(blank, GOAL, CHECKS);

            assertThat(violations).extracting(FieldViolation::field).containsExactly("repo");
            assertThat(violations.get(0).message()).startsWith("must not be blank");
        }
    }

    @Test
    void remoteUrlsAreNotLocalRepositories() {
        for (String url : new String[] {"https://github.com/strimzi/strimzi-kafka-operator.git",
            "ssh://git@github.com/org/repo.git", "git@github.com:org/repo.git"}) {
            List<FieldViolation> violations = validator.validate(url, GOAL, CHECKS);

            assertThat(violations).extracting(FieldViolation::field).containsExactly("repo");
            assertThat(violations.get(0).message()).contains(url).contains("only local git repositories");
        }
    }

    @Test
    void missingPath() {
        List<FieldViolation> violations = validator.validate(tmp.resolve("nope").toString(), GOAL, CHECKS);

        assertThat(violations).containsExactly(new FieldViolation("repo", "path " + tmp.resolve("nope")
                + " does not exist"));
    }

    @Test
    void aFileIsNotARepository() throws IOException {
        Path file = Files.writeString(tmp.resolve("README.md"), "# hi\n");

        assertThat(validator.validate(file.toString(), GOAL, CHECKS))
                .containsExactly(new FieldViolation("repo", "path " + file + " is not a directory"));
    }

    @Test
    void directoryWithoutGit() throws IOException {
        Path plain = Files.createDirectories(tmp.resolve("plain"));

        List<FieldViolation> violations = validator.validate(plain.toString(), GOAL, CHECKS);

        assertThat(violations).extracting(FieldViolation::field).containsExactly("repo");
        assertThat(violations.get(0).message()).contains(plain.toString()).contains("is not a git repository");
    }

    @Test
    void goalMustBePresentAndBounded() {
        assertThat(fields(repo.toString(), " \n", CHECKS)).containsExactly("goal");
        assertThat(fields(repo.toString(), null, CHECKS)).containsExactly("goal");
        List<FieldViolation> tooLong = validator.validate(repo.toString(), "x".repeat(8001), CHECKS);
        assertThat(tooLong).containsExactly(new FieldViolation("goal",
                "must be at most 8000 characters, not 8001"));
    }

    @Test
    void checksMustBePresent() {
        assertThat(fields(repo.toString(), GOAL, null)).containsExactly("checks");
        assertThat(fields(repo.toString(), GOAL, List.of())).containsExactly("checks");
    }

    @Test
    void eachBadCheckFieldIsNamed() {
        List<Check> checks = Arrays.asList(
                new Check("unit", " ", 600),
                new Check("", "mvn -q verify", 0),
                new Check(null, null, 4000),
                null);

        List<FieldViolation> violations = validator.validate(repo.toString(), GOAL, checks);

        assertThat(violations).extracting(FieldViolation::field).containsExactly(
                "checks[0].command",
                "checks[1].name", "checks[1].timeoutSeconds",
                "checks[2].name", "checks[2].command", "checks[2].timeoutSeconds",
                "checks[3]");
        assertThat(violations.get(2).message()).isEqualTo("must be between 1 and 3600");
    }

    @Test
    void checkNamesAndCommandsAreBounded() {
        List<Check> checks = List.of(new Check("n".repeat(64), "c".repeat(4096), 3600),
                new Check("n".repeat(65), "c".repeat(4097), 1));

        List<FieldViolation> violations = validator.validate(repo.toString(), GOAL, checks);

        assertThat(violations).containsExactly(
                new FieldViolation("checks[1].name", "must be at most 64 characters, not 65"),
                new FieldViolation("checks[1].command", "must be at most 4096 characters, not 4097"));
    }

    @Test
    void atMostTwentyChecksByDefault() {
        List<Check> twenty = Collections.nCopies(20, new Check("unit", "true", 60));
        List<Check> twentyOne = Collections.nCopies(21, new Check("unit", "true", 60));

        assertThat(validator.validate(repo.toString(), GOAL, twenty)).isEmpty();
        assertThat(validator.validate(repo.toString(), GOAL, twentyOne))
                .containsExactly(new FieldViolation("checks", "must list at most 20 checks, not 21"));
    }

    @Test
    void theMostChecksIsConfigurable() {
        SessionRequestValidator two = new SessionRequestValidator(dir -> true, 2);

        assertThat(two.validate(repo.toString(), GOAL, Collections.nCopies(3, new Check("u", "true", 1))))
                .containsExactly(new FieldViolation("checks", "must list at most 2 checks, not 3"));
        assertThatThrownBy(() -> new SessionRequestValidator(dir -> true, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new SessionRequestValidator(dir -> true, 1).validate(repo.toString(), GOAL, CHECKS.subList(0, 1)))
                .as("one check at most is a limit, not a mistake").isEmpty();
    }

    @Test
    void aRepoOfExactlyTheLongestLengthIsLookedUp() {
        String path = "/" + "d".repeat(4095);

        assertThat(validator.validate(path, GOAL, CHECKS)).extracting(FieldViolation::message)
                .singleElement().asString().doesNotContain("at most 4096 characters");
    }

    @Test
    void anOverlongRepoIsNotLookedUp() {
        String longPath = repo + "/" + "d".repeat(4096);

        assertThat(validator.validate(longPath, GOAL, CHECKS)).containsExactly(
                new FieldViolation("repo", "must be at most 4096 characters, not " + longPath.length()));
    }

    @Test
    void everyViolationIsReportedAtOnce() {
        assertThat(fields("https://example.com/r.git", "", List.of(new Check("x", "", -1))))
                .containsExactly("repo", "goal", "checks[0].command", "checks[0].timeoutSeconds");
    }

    @Test
    void checksFromTheRepositoryAreBoundedTheSameWayAndNamedByTheirFile() {
        SessionChecks fromVerifyMd = new SessionChecks(SessionChecks.Source.VERIFY_MD, List.of(
                new Check("unit", "pytest", 60), new Check("", "make lint", 0)));

        assertThat(validator.validate(repo.toString(), GOAL, fromVerifyMd, null)).containsExactly(
                new FieldViolation("VERIFY.md checks[1].name", "must not be blank"),
                new FieldViolation("VERIFY.md checks[1].timeoutSeconds", "must be between 1 and 3600"));
        assertThat(validator.validate(repo.toString(), GOAL, new SessionChecks(SessionChecks.Source.AGENTS_MD,
                List.of(new Check("agents-md-tests", "pytest -q", 300))), null)).isEmpty();
    }

    @Test
    void noChecksAnywhereSaysHowToDeclareThem() {
        List<FieldViolation> violations = validator.validate(repo.toString(), GOAL,
                new SessionChecks(SessionChecks.Source.NONE, List.of()), null);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("checks");
            assertThat(v.message()).contains("the repository declares none either")
                    .contains("```ratchet-checks block to VERIFY.md");
        });
    }
}
