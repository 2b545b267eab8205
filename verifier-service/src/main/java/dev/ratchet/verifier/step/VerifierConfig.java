package dev.ratchet.verifier.step;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ratchet.verifier")
public interface VerifierConfig {

    /**
     * How much of a check's output (its end) a verdict carries and the executor sees on a retry. The whole captured
     * output (up to 64 KiB) is a blob; 4 KiB each keeps a verdict with 20 checks near 100 KiB, under the 256 KiB
     * event limit.
     */
    @WithDefault("4096")
    int outputTailBytes();

    /** Attempts this process verifies at once (checks run as child processes). */
    @WithDefault("4")
    int concurrency();

    /**
     * How long a check's result stays in the verification cache: 7 days covers a session's retries and replays and
     * a week of identical trees across sessions; a tree not seen for that long is checked again.
     */
    @WithDefault("7d")
    Duration cacheTtl();

    /**
     * The Chromium browser checks run: a path, or {@code none} to skip every browser check; unset, Debian's
     * {@code chromium} (or {@code chromium-browser}) on PATH or in the system directories.
     */
    Optional<String> chromium();

    Sandbox sandbox();

    /** The check sandbox ({@code SandboxRunner}): one per verifier, made at start-up. */
    interface Sandbox {

        /** The strongest isolation to try: {@code bubblewrap}, {@code unshare} or {@code none}; weaker ones follow. */
        @WithDefault("bubblewrap")
        String isolation();

        /** Where the throwaway copies are made; reachable by {@code run-as-uid}. Default: java.io.tmpdir. */
        Optional<String> baseDir();

        /** Address space of each process: 4 GiB lets a JVM test suite start and stops a 6 GiB allocation. */
        @WithDefault("4294967296")
        long memoryBytes();

        /** Processes and threads of a check: a Maven build with a forked test JVM runs about 150. */
        @WithDefault("1024")
        int processes();

        /** Largest file a check may write: 1 GiB. */
        @WithDefault("1073741824")
        long fileSizeBytes();

        /** Output kept from the start of a check (16 KiB) ... */
        @WithDefault("16384")
        int captureHeadBytes();

        /** ... and from its end (48 KiB): 64 KiB in all, stored as a blob. */
        @WithDefault("49152")
        int captureTailBytes();

        /** The user checks run as when the verifier runs as root (the kernel never limits root's processes). */
        @WithDefault("65534")
        int runAsUid();

        @WithDefault("65534")
        int runAsGid();

        /** Variables passed from the verifier's environment besides PATH, LANG, LC_ALL (never RATCHET_* or secrets). */
        Optional<List<String>> passEnv();
    }
}
