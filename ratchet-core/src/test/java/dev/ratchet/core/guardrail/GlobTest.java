package dev.ratchet.core.guardrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

    @ParameterizedTest(name = "{0} ~ {1} (ignore case {2}): {3}")
    @CsvSource(textBlock = """
            **,           README.md,              false, true
            **,           a/b/c.txt,              false, true
            .git/**,      .git,                   true,  true
            .git/**,      .git/config,            true,  true
            .git/**,      .GIT/config,            true,  true
            .git/**,      .Git/hooks/pre-commit,  true,  true
            .git/**,      .GIT/config,            false, false
            .git/**,      src/.git/config,        true,  false
            .git/**,      .github/workflows/x,    true,  false
            .env*,        .env,                   true,  true
            .env*,        config/.env.local,      true,  true
            .env*,        environment.py,         true,  false
            **/*.pem,     server.pem,             true,  true
            **/*.pem,     tls/certs/server.PEM,   true,  true
            **/*.pem,     pem/readme.md,          true,  false
            **/id_rsa*,   home/me/.ssh/id_rsa.pub, true, true
            **/*.key,     a/b.key,                true,  true
            src/**,       src/app.py,             false, true
            src/**,       lib/src/app.py,         false, false
            /docs,        docs/index.md,          false, true
            docs/,        docs/a/b.md,            false, true
            docs/*.md,    docs/a/b.md,            false, false
            docs/*.md,    docs/b.md,              false, true
            docs/*.md,    docs/b.txt,             false, false
            src/?.py,     src/a.py,               false, true
            src/[!a]*.py, src/b.py,               false, true
            src/[!a]*.py, src/a.py,               false, false
            """)
    void matches(String pattern, String path, boolean ignoreCase, boolean expected) {
        assertThat(Glob.compile(pattern, ignoreCase).matches(path)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            '  '      | an empty pattern
            src/[a.py | pattern src/[a.py has an unclosed '['
            """)
    void badPatternsAreRefused(String pattern, String message) {
        assertThatThrownBy(() -> Glob.compile(pattern, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
