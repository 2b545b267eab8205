package dev.ratchet.workspace.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CheckEnvironmentTest {

    @Test
    void keepsTheAllowListAndSetsHomeAndTmpdir() {
        Map<String, String> env = CheckEnvironment.of(Map.of("PATH", "/opt/bin:/usr/bin", "LANG", "de_DE.UTF-8",
                "LC_ALL", "C", "HOME", "/root", "USER", "root", "JAVA_HOME", "/opt/jdk"), List.of("JAVA_HOME"),
                "/sandbox/home", "/tmp");

        assertThat(env).containsExactlyInAnyOrderEntriesOf(Map.of("PATH", "/opt/bin:/usr/bin", "LANG", "de_DE.UTF-8",
                "LC_ALL", "C", "JAVA_HOME", "/opt/jdk", "HOME", "/sandbox/home", "TMPDIR", "/tmp", "MALLOC_ARENA_MAX",
                CheckEnvironment.MALLOC_ARENA_MAX));
    }

    @Test
    void secretsAreNeverPassedEvenWhenListed() {
        List<String> names = List.of("RATCHET_MODELS_EXECUTOR_API_KEY", "ratchet_redis_hosts", "OPENAI_API_KEY",
                "GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY", "PGPASSWORD", "GOOGLE_APPLICATION_CREDENTIALS",
                "NPM_AUTH", "RATCHET_ANYTHING");
        Map<String, String> parent = new HashMap<>();
        names.forEach(name -> parent.put(name, "secret"));

        Map<String, String> env = CheckEnvironment.of(parent, names, "/h", "/t");

        assertThat(env).doesNotContainKeys(names.toArray(String[]::new)).doesNotContainValue("secret");
    }

    @Test
    void missingPathAndLangGetDefaults() {
        Map<String, String> env = CheckEnvironment.of(Map.of(), List.of(), "/h", "/t");

        assertThat(env).containsEntry("PATH", CheckEnvironment.DEFAULT_PATH).containsEntry("LANG", "C.UTF-8")
                .containsEntry("MALLOC_ARENA_MAX", "2");
    }

    @Test
    void theVerifiersOwnArenaSettingIsKept() {
        Map<String, String> env = CheckEnvironment.of(Map.of("MALLOC_ARENA_MAX", "4"), List.of(), "/h", "/t");

        assertThat(env).containsEntry("MALLOC_ARENA_MAX", "4");
    }
}
