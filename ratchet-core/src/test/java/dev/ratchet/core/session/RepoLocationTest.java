package dev.ratchet.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class RepoLocationTest {

    @Test
    void absolutePathIsNormalised() {
        assertThat(RepoLocation.parse("/srv/repos/demo")).contains(Path.of("/srv/repos/demo"));
        assertThat(RepoLocation.parse("  /srv/repos/../repos/./demo/ ")).contains(Path.of("/srv/repos/demo"));
    }

    @Test
    void relativePathIsMadeAbsolute() {
        assertThat(RepoLocation.parse("repos/demo"))
                .contains(Path.of("").toAbsolutePath().resolve("repos/demo").normalize());
    }

    @Test
    void fileUrlIsALocalPath() {
        assertThat(RepoLocation.parse("file:///srv/repos/demo")).contains(Path.of("/srv/repos/demo"));
        assertThat(RepoLocation.parse("file:/srv/repos/demo/../demo")).contains(Path.of("/srv/repos/demo"));
        assertThat(RepoLocation.parse("file:///srv/my%20repo")).contains(Path.of("/srv/my repo"));
    }

    @Test
    void unusableFileUrlsAreNotLocal() {
        assertThat(RepoLocation.parse("file://fileserver/share/repo")).isEmpty();
        assertThat(RepoLocation.parse("file:relative/repo")).isEmpty();
        assertThat(RepoLocation.parse("file:///bad path^")).isEmpty();
    }

    @Test
    void remoteFormsAreNotLocal() {
        assertThat(RepoLocation.parse("https://github.com/org/repo.git")).isEmpty();
        assertThat(RepoLocation.parse("http://example.com/repo")).isEmpty();
        assertThat(RepoLocation.parse("ssh://git@github.com/org/repo.git")).isEmpty();
        assertThat(RepoLocation.parse("git+ssh://git@github.com/org/repo.git")).isEmpty();
        assertThat(RepoLocation.parse("git@github.com:org/repo.git")).isEmpty();
    }
}
