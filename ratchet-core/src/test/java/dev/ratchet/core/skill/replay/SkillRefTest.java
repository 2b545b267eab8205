package dev.ratchet.core.skill.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class SkillRefTest {

    @Test
    void readsAndWritesNameAtVersion() {
        assertThat(SkillRef.parse("add-word-statistics@3")).contains(new SkillRef("add-word-statistics", 3));
        assertThat(new SkillRef("add-word-statistics", 3)).hasToString("add-word-statistics@3");
    }

    @Test
    void refusesAnythingElse() {
        for (String bad : new String[] {null, "", "name", "name@", "@1", "name@0", "name@01", "name@-1",
                "Name@1", "-name@1", "na--me@1", "search@1", "name@1@2", "name@10000000", "a".repeat(65) + "@1"}) {
            assertThat(SkillRef.parse(bad)).as(String.valueOf(bad)).isEqualTo(Optional.empty());
        }
        assertThatThrownBy(() -> new SkillRef("../x", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
