package dev.ratchet.core.guardrail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Token shapes are built at run time, so that no secret-looking literal sits in the repository. */
class SecretScannerTest {

    static final String GITHUB = "gh" + "p_" + "A1b2C3d4E5f6G7h8".repeat(2) + "I9j0";
    static final String OPENAI = "sk-" + "proj-" + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1w";
    static final String AWS = "AK" + "IA" + "Z3X7Q2P9R4T8V1W6";
    static final String SLACK = "xo" + "xb-" + "1234567890-" + "AbCdEfGhIjKlMnOp";
    static final String PRIVATE_KEY = "-----BEGIN " + "OPENSSH PRIVATE KEY-----";

    static Stream<Arguments> secrets() {
        return Stream.of(
                Arguments.of("TOKEN = \"" + GITHUB + "\"", "a GitHub token", "ghp_A1... (40 characters)"),
                Arguments.of("github_pat_" + "A1b2C3d4E5".repeat(9), "a GitHub token",
                        "github... (101 characters)"),
                Arguments.of("openai.api_key = '" + OPENAI + "'", "an OpenAI API key", "sk-pro... (36 characters)"),
                Arguments.of("aws_access_key_id=" + AWS, "an AWS access key id", "AKIAZ3... (20 characters)"),
                Arguments.of("SLACK=" + SLACK, "a Slack token", "xoxb-1... (32 characters)"),
                Arguments.of(PRIVATE_KEY, "a private key block", PRIVATE_KEY),
                Arguments.of("-----BEGIN " + "PGP PRIVATE KEY BLOCK-----", "a private key block",
                        "-----BEGIN PGP PRIVATE KEY BLOCK-----"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("secrets")
    void findsRealTokenShapes(String line, String kind, String redacted) {
        assertThat(SecretScanner.scan(line)).contains(new SecretScanner.Finding(kind, redacted));
    }

    static List<String> ordinaryLines() {
        return List.of(
                "import sk-learn-style-helpers-for-pipelines-and-more",
                "task-management-dashboard-component-wrapper",
                "prefix = \"ghp_\"  # GitHub personal tokens start with this",
                "ghp_short",
                "example = \"AKIA" + "IOSFODNN7EXAMPLE\"",
                "AKIA1234",
                "xoxb-not-a-token",
                "-----BEGIN PUBLIC KEY-----",
                "const mask = 'sk-' + '*'.repeat(20);",
                "desk-" + "A".repeat(30));
    }

    @ParameterizedTest
    @MethodSource("ordinaryLines")
    void leavesOrdinaryLinesAlone(String line) {
        assertThat(SecretScanner.scan(line)).isEmpty();
    }
}
