package dev.ratchet.core.guardrail;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds credentials in lines a patch adds. Each pattern is the documented shape of a real token, bounded by
 * non-token characters, so short or ordinary strings ({@code sk-learn}, {@code ghp_} in prose) are not flagged:
 * <ul>
 * <li>private key block: {@code -----BEGIN [RSA |EC |OPENSSH |ENCRYPTED |PGP ...]PRIVATE KEY[ BLOCK]-----}</li>
 * <li>OpenAI key: {@code sk-}, optionally {@code proj-}, {@code svcacct-} or {@code admin-}, then at least 20
 *     characters of {@code [A-Za-z0-9_-]} that mix upper case, lower case and digits (hyphenated words do not)</li>
 * <li>GitHub token: {@code ghp_}, {@code gho_}, {@code ghu_}, {@code ghs_} or {@code ghr_} and 36 or more
 *     letters and digits; {@code github_pat_} and 82 or more</li>
 * <li>AWS access key id: {@code AKIA} or {@code ASIA} and exactly 16 upper-case letters or digits (AWS's
 *     documentation examples, which end in {@code EXAMPLE}, are not flagged)</li>
 * <li>Slack token: {@code xoxa-}, {@code xoxb-}, {@code xoxp-}, {@code xoxr-} or {@code xoxs-}, at least 8
 *     digits, {@code -}, and at least 8 more token characters</li>
 * </ul>
 */
public final class SecretScanner {

    /** What was found, with the token shortened so that the message does not repeat the secret. */
    public record Finding(String kind, String redacted) {
    }

    private record Kind(String name, Pattern pattern, Predicate<String> plausible) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("a private key block",
                    Pattern.compile("-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"), t -> true),
            new Kind("an OpenAI API key",
                    Pattern.compile("(?<![A-Za-z0-9_-])sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}"),
                    SecretScanner::mixed),
            new Kind("a GitHub token",
                    Pattern.compile("(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{82,})"),
                    t -> true),
            new Kind("an AWS access key id",
                    Pattern.compile("(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])"),
                    t -> !t.endsWith("EXAMPLE")),
            new Kind("a Slack token",
                    Pattern.compile("(?<![A-Za-z0-9])xox[abprs]-[0-9]{8,}-[A-Za-z0-9-]{8,}"), t -> true));

    private SecretScanner() {
    }

    public static Optional<Finding> scan(String line) {
        for (Kind kind : KINDS) {
            Matcher m = kind.pattern().matcher(line);
            while (m.find()) {
                if (kind.plausible().test(m.group())) {
                    return Optional.of(new Finding(kind.name(), redact(m.group())));
                }
            }
        }
        return Optional.empty();
    }

    /** Real keys are random: upper case, lower case and digits all appear in their body. */
    private static boolean mixed(String token) {
        return token.chars().anyMatch(Character::isUpperCase) && token.chars().anyMatch(Character::isLowerCase)
                && token.chars().anyMatch(Character::isDigit);
    }

    private static String redact(String token) {
        return token.startsWith("-----") ? token : token.substring(0, Math.min(6, token.length())) + "... ("
                + token.length() + " characters)";
    }
}
