package dev.ratchet.workspace.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which isolation is chosen, and what every result then says about it, for each way the stronger ones fail. */
class IsolationProbeTest {

    final Tools tools = Tools.find();
    final SandboxConfig config = SandboxConfig.defaults();
    final List<Isolation> tried = new ArrayList<>();

    @Test
    void strongestThatWorksIsChosen() {
        IsolationProbe.Decision decision = IsolationProbe.decide(config, withBwrap(), Optional.empty(), false,
                launcher -> works(launcher));

        assertThat(decision.launcher().isolation()).isEqualTo(Isolation.BUBBLEWRAP);
        assertThat(decision.note()).isEmpty();
        assertThat(tried).containsExactly(Isolation.BUBBLEWRAP);
    }

    @Test
    void missingBubblewrapSaysHowToInstallIt() {
        Tools noBwrap = new Tools(Optional.empty(), tools.unshare(), tools.setpriv(), tools.prlimit(), tools.setsid(),
                tools.sh());

        IsolationProbe.Decision decision = IsolationProbe.decide(config, noBwrap, Optional.empty(), false,
                launcher -> works(launcher));

        assertThat(decision.launcher().isolation()).isEqualTo(Isolation.UNSHARE);
        assertThat(decision.note()).isEqualTo("bwrap is not on PATH (install it with apt-get install -y bubblewrap)");
    }

    @Test
    void failingKindsAreNamedWithWhatTheySaid() {
        IsolationProbe.Decision decision = IsolationProbe.decide(config, withBwrap(), Optional.empty(), false,
                launcher -> {
                    tried.add(launcher.isolation());
                    return launcher.isolation() == Isolation.NONE ? Optional.empty()
                            : Optional.of("exit 1: " + launcher.isolation().label() + ": Operation not permitted");
                });

        assertThat(tried).containsExactly(Isolation.BUBBLEWRAP, Isolation.UNSHARE, Isolation.NONE);
        assertThat(decision.launcher().isolation()).isEqualTo(Isolation.NONE);
        assertThat(decision.note()).startsWith("bubblewrap failed: exit 1: bubblewrap: Operation not permitted; "
                + "unshare failed: exit 1: unshare: Operation not permitted; no network or filesystem isolation");
    }

    @Test
    void configuredLimitIsRespectedAndSaid() {
        IsolationProbe.Decision decision = IsolationProbe.decide(config.withStrongest(Isolation.UNSHARE),
                withBwrap(), Optional.of(new CheckUser(SandboxConfig.NOBODY, SandboxConfig.NOBODY)), true,
                launcher -> works(launcher));

        assertThat(tried).containsExactly(Isolation.UNSHARE);
        assertThat(decision.note()).isEqualTo("limited to unshare by configuration; runs as uid 65534 because the"
                + " service runs as root");
    }

    @Test
    void rootWithoutAUserToSwitchToSaysTheProcessLimitIsNotEnforced() {
        SandboxConfig stayRoot = new SandboxConfig(config.baseDir(), Isolation.BUBBLEWRAP, config.limits(),
                config.headBytes(), config.tailBytes(), 0, 0, List.of());

        IsolationProbe.Decision decision = IsolationProbe.decide(stayRoot, withBwrap(), Optional.empty(), true,
                launcher -> works(launcher));

        assertThat(decision.note()).isEqualTo("runs as root: the process limit is not enforced for uid 0");
    }

    @Test
    void baseDirectoryTheCheckUserCannotReachIsRefused(@TempDir Path tmp) throws IOException {
        assumeTrue(CheckUser.jvmIsRoot(), "the tests run as a normal user: checks run as that user, who reaches"
                + " every directory the JVM can");
        Path closed = Files.createDirectory(tmp.resolve("closed"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));

        assertThatThrownBy(() -> new SandboxRunner(config.withBaseDir(closed.resolve("inner"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("uid 65534, which cannot pass through " + closed.toRealPath());
        assertThat(closed.resolve("inner")).isEmptyDirectory();
    }

    private Tools withBwrap() {
        return new Tools(Optional.of(Path.of("/usr/bin/bwrap")), tools.unshare(), tools.setpriv(), tools.prlimit(),
                tools.setsid(), tools.sh());
    }

    private Optional<String> works(Launcher launcher) {
        tried.add(launcher.isolation());
        return Optional.empty();
    }
}
