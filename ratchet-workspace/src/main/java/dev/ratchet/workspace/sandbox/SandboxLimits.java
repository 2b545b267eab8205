package dev.ratchet.workspace.sandbox;

import java.util.List;

/**
 * Per-process resource limits every process of a check runs under (setrlimit through util-linux {@code prlimit}).
 *
 * @param memoryBytes address space (RLIMIT_AS)
 * @param processes processes and threads of the check's user (RLIMIT_NPROC); counted per check because the limit
 *        is set inside the check's own user namespace
 * @param fileSizeBytes largest file a check may write (RLIMIT_FSIZE)
 */
public record SandboxLimits(long memoryBytes, int processes, long fileSizeBytes) {

    /**
     * 4 GiB of address space: a JVM sizes its heap to half of it (2 GiB) and still starts, while a 6 GiB
     * allocation fails at once.
     */
    public static final long DEFAULT_MEMORY_BYTES = 4L << 30;
    /** RLIMIT_NPROC counts threads: a Maven build with a forked test JVM runs about 150; a fork bomb stops at 1024. */
    public static final int DEFAULT_PROCESSES = 1024;
    /** 1 GiB: larger than any build artefact of the sample projects, small enough to stop a runaway log early. */
    public static final long DEFAULT_FILE_SIZE_BYTES = 1L << 30;

    public SandboxLimits {
        if (memoryBytes <= 0 || processes <= 0 || fileSizeBytes <= 0) {
            throw new IllegalArgumentException("sandbox limits must be positive: " + memoryBytes + ", " + processes
                    + ", " + fileSizeBytes);
        }
    }

    public static SandboxLimits defaults() {
        return new SandboxLimits(DEFAULT_MEMORY_BYTES, DEFAULT_PROCESSES, DEFAULT_FILE_SIZE_BYTES);
    }

    /**
     * The {@code prlimit} prefix for a check with this timeout. CPU time is per process, so it is the timeout times
     * the cores: no process can use more than all cores for the whole timeout, and a spinning leftover that the
     * timeout cannot reach is stopped by SIGXCPU.
     */
    List<String> prlimit(int timeoutSeconds) {
        long cpuSeconds = (long) Math.max(1, timeoutSeconds) * Runtime.getRuntime().availableProcessors();
        return List.of("prlimit", "--cpu=" + cpuSeconds, "--as=" + memoryBytes, "--nproc=" + processes,
                "--fsize=" + fileSizeBytes, "--core=0", "--");
    }
}
