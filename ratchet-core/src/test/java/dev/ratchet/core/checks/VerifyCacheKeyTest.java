package dev.ratchet.core.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.Check;

class VerifyCacheKeyTest {

    private static final String TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
    private static final Check UNIT = new Check("unit", "pytest -q", 60);
    private static final String ENV = "LANG=C.UTF-8\nPATH=/usr/bin:/bin\nisolation=bubblewrap";

    @Test
    void theSameTreeCommandAndEnvironmentIsTheSameKeyWhateverTheCheckIsCalled() {
        String key = VerifyCacheKey.of(TREE, UNIT, ENV);

        assertThat(key).matches("[0-9a-f]{64}");
        assertThat(VerifyCacheKey.of(TREE, new Check("renamed", "pytest -q", 60), ENV)).isEqualTo(key);
    }

    @Test
    void anythingThatCanChangeTheResultIsANewKey() {
        Set<String> keys = Set.of(
                VerifyCacheKey.of(TREE, UNIT, ENV),
                VerifyCacheKey.of("5b825dc642cb6eb9a060e54bf8d69288fbee4904", UNIT, ENV),
                VerifyCacheKey.of(TREE, new Check("unit", "pytest -q -x", 60), ENV),
                VerifyCacheKey.of(TREE, new Check("unit", "pytest -q", 61), ENV),
                VerifyCacheKey.of(TREE, UNIT, ENV.replace("bubblewrap", "none")),
                VerifyCacheKey.of(TREE, new Check("unit", "pytest -q", 60, Check.Stage.TEST, Check.When.STEP,
                        new Check.Browser(8000, List.of("/"), 30)), ENV));

        assertThat(keys).hasSize(6);
    }
}
