package dev.ratchet.k8s.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.ratchet.core.event.Check;
import dev.ratchet.workspace.sandbox.CheckContext;
import dev.ratchet.workspace.sandbox.CheckRunner;
import dev.ratchet.workspace.sandbox.Isolation;
import dev.ratchet.workspace.sandbox.SandboxDir;
import dev.ratchet.workspace.sandbox.SandboxResult;
import dev.ratchet.workspace.verify.VerificationStoppedException;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;

/**
 * Runs each check as a Kubernetes Job ({@link CheckJobs}): the workspace is copied to a directory on the volume the
 * verifier shares with the Jobs, the Job mounts that directory, runs the command and leaves its output and status
 * there ({@link CheckJobFiles}); the verifier waits on the Job through a watch with a deadline, reads the files back
 * and deletes the Job and the directory, whatever happened. A Job that failed, hit its deadline or vanished is a
 * failed check with the reason at the end of its output.
 */
public final class JobCheckRunner implements CheckRunner {

    /** Past the Job's own deadline, the Job controller marks it failed within seconds; 30 s covers a busy one. */
    private static final Duration GRACE = Duration.ofSeconds(30);
    /** How often a wait looks at whether the verification stopped. */
    private static final long STOP_POLL_MS = 1000;
    /**
     * How often a wait also reads the Job itself: a safety net for a deletion the watch missed (one that falls
     * between the informer's list and its watch, which the fabric8 mock API server does not replay); one GET per
     * running check every 10 s.
     */
    private static final long GET_EVERY_MS = 10_000;

    private final KubernetesClient client;
    private final CheckJobSettings settings;

    public JobCheckRunner(KubernetesClient client, CheckJobSettings settings) {
        this.client = client;
        this.settings = settings;
        try {
            Files.createDirectories(settings.workspaceDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the check Jobs' directory " + settings.workspaceDir()
                    + " (the volume of ratchet.verifier.kubernetes.workspace-claim)", e);
        }
    }

    /**
     * @throws VerificationStoppedException when {@code context.stopped()} turned true while the Job ran (it is
     *         deleted)
     * @throws io.fabric8.kubernetes.client.KubernetesClientException when the API server refuses the Job or cannot
     *         be reached (the attempt is tried again, as when Redis is away)
     */
    @Override
    public SandboxResult run(Check check, Path workspace, CheckContext context) {
        long copyStart = System.nanoTime();
        try (SandboxDir dir = SandboxDir.copyOf(workspace, settings.workspaceDir())) {
            long copyMs = (System.nanoTime() - copyStart) / 1_000_000;
            String subPath = dir.root().getFileName().toString();
            String name = CheckJobs.NAME + "-" + subPath;
            Resource<Job> job = client.batch().v1().jobs().inNamespace(settings.namespace()).withName(name);
            long start = System.nanoTime();
            client.batch().v1().jobs().inNamespace(settings.namespace())
                    .resource(CheckJobs.job(name, subPath, check, context, settings)).create();
            try {
                JobEnd end = await(job, name, CheckJobs.deadlineSeconds(check, settings) + GRACE.toSeconds(), context);
                long elapsedMs = (System.nanoTime() - start) / 1_000_000;
                return result(check, name, end, new CheckJobFiles(dir.root()), elapsedMs, copyMs);
            } finally {
                // Background: the Job goes at once, the garbage collector takes its pod.
                job.withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            }
        }
    }

    /**
     * What a check may take as a Job beyond its own timeout: the start allowance and the grace the verifier gives
     * the Job controller; an attempt's bound adds it per check.
     */
    public Duration overhead() {
        return settings.startAllowance().plus(GRACE);
    }

    @Override
    public String environmentFingerprint() {
        return "isolation=" + Isolation.KUBERNETES_JOB.label() + "\nimage=" + settings.image() + "\nlimits="
                + settings.limits() + "\ncpu=" + settings.cpuLimit() + "\nuser=" + settings.runAsUid() + ":"
                + settings.runAsGid();
    }

    private JobEnd await(Resource<Job> job, String name, long deadlineSeconds, CheckContext context) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(deadlineSeconds);
        long nextGet = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GET_EVERY_MS);
        CompletableFuture<List<Job>> ended = job.informOnCondition(
                jobs -> jobs.isEmpty() || CheckJobs.end(jobs.get(0)).isPresent());
        try {
            while (true) {
                if (context.stopped().getAsBoolean()) {
                    throw new VerificationStoppedException("stopped while check Job " + name + " ran");
                }
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return JobEnd.unfinished(deadlineSeconds);
                }
                try {
                    List<Job> jobs = ended.get(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, STOP_POLL_MS),
                            TimeUnit.MILLISECONDS);
                    return jobs.isEmpty() ? JobEnd.vanished() : CheckJobs.end(jobs.get(0)).orElseThrow();
                } catch (TimeoutException e) {
                    // Not yet: look at stopped() and the deadline again, and now and then at the Job itself.
                    if (System.nanoTime() - nextGet >= 0) {
                        nextGet = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GET_EVERY_MS);
                        Job now = job.get();
                        if (now == null) {
                            return JobEnd.vanished();
                        }
                        Optional<JobEnd> end = CheckJobs.end(now);
                        if (end.isPresent()) {
                            return end.get();
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a check Job", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot watch the check Job: " + e.getCause().getMessage(), e.getCause());
        } finally {
            ended.cancel(true);
        }
    }

    private SandboxResult result(Check check, String name, JobEnd end, CheckJobFiles files, long elapsedMs,
            long copyMs) {
        int exit = -1;
        String output = "";
        long outputBytes = 0;
        String why = end.reason();
        if (end.exited()) {
            // The container has exited, and every process of the check with it: the files no longer change.
            output = files.output(settings.headBytes(), settings.tailBytes());
            outputBytes = files.outputBytes();
            OptionalLong status = files.exitStatus();
            if (status.isEmpty()) {
                why = (why == null ? "" : why + "; ") + "the Job left no exit status";
            } else if (status.getAsLong() == 0 && !end.completed()) {
                // The check could write the file; the Job's status is the wrapper's own exit.
                why = why + "; its exit file says 0";
            } else {
                exit = (int) status.getAsLong();
            }
        }
        boolean passed = end.completed() && exit == 0;
        if (!passed && why != null) {
            output += (output.isEmpty() || output.endsWith("\n") ? "" : "\n") + "[ratchet: check Job " + name
                    + " failed: " + why + "]\n";
            exit = exit == 0 ? -1 : exit;
        }
        return new SandboxResult(check.name(), check.command(), exit, end.timedOut(), elapsedMs, copyMs, output,
                outputBytes, Isolation.KUBERNETES_JOB, "", Map.of());
    }
}
