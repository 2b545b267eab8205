package dev.ratchet.k8s.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

/**
 * Plays the kubelet and the Job controller for the fabric8 mock API server: when a check Job appears, it runs the
 * Job's own command for real ({@code sh -c} with the Job's environment), with the Job's volume "mounted" by pointing
 * the mount path at the directory the {@code subPath} names on the shared volume, then writes the Job's status
 * (Complete, or Failed as Kubernetes says it). Other ways a Job ends are {@link Mode}s.
 */
final class Kubelet implements AutoCloseable {

    enum Mode {
        /** Run the command; Complete on exit 0, else Failed with BackoffLimitExceeded. */
        RUN,
        /** Run nothing; Failed with DeadlineExceeded, as the Job controller does past activeDeadlineSeconds. */
        DEADLINE,
        /** Delete the Job before it finishes. */
        DELETE,
        /** Leave the Job running forever. */
        HANG
    }

    private final KubernetesClient client;
    private final Path volume;
    private final Path tmp;
    private final ExecutorService pods = Executors.newSingleThreadExecutor();
    private final Map<String, Job> seen = new ConcurrentHashMap<>();
    private final Watch watch;
    volatile Mode mode = Mode.RUN;

    Kubelet(KubernetesClient client, Path volume, Path tmp) {
        this.client = client;
        this.volume = volume;
        this.tmp = tmp;
        this.watch = client.batch().v1().jobs().inNamespace(client.getNamespace()).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Job job) {
                if (action == Action.ADDED && seen.putIfAbsent(job.getMetadata().getName(), job) == null) {
                    Mode now = mode;
                    pods.submit(() -> act(job, now));
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    /** The Jobs as they were created, by name. */
    Map<String, Job> seen() {
        return seen;
    }

    private void act(Job job, Mode mode) {
        switch (mode) {
            case RUN -> {
                int exit = run(job);
                status(job, exit == 0 ? "Complete" : "Failed", exit == 0 ? null : "BackoffLimitExceeded",
                        exit == 0 ? null : "Job has reached the specified backoff limit");
            }
            case DEADLINE -> status(job, "Failed", JobEnd.DEADLINE_EXCEEDED,
                    "Job was active longer than specified deadline");
            case DELETE -> client.batch().v1().jobs().resource(job).delete();
            case HANG -> {
            }
        }
    }

    private int run(Job job) {
        Container container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        String subPath = container.getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals(CheckJobs.MOUNT)).findFirst().orElseThrow().getSubPath();
        try {
            Path podTmp = Files.createTempDirectory(tmp, "pod-");
            ProcessBuilder process = new ProcessBuilder(container.getCommand()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            process.environment().clear();
            process.environment().put("PATH", System.getenv("PATH"));
            for (EnvVar env : container.getEnv()) {
                process.environment().put(env.getName(), env.getValue());
            }
            // The mount: /ratchet is the claim's subPath directory; /tmp the pod's emptyDir.
            process.environment().put(CheckJobs.DIR_ENV, volume.resolve(subPath).toString());
            process.environment().put("HOME", volume.resolve(subPath).resolve("home").toString());
            process.environment().put("TMPDIR", podTmp.toString());
            Process started = process.start();
            if (!started.waitFor(60, TimeUnit.SECONDS)) {
                started.destroyForcibly();
                return 137;
            }
            return started.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 143;
        }
    }

    private void status(Job job, String type, String reason, String message) {
        client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace())
                .withName(job.getMetadata().getName()).editStatus(j -> new JobBuilder(j).withNewStatus()
                        .withConditions(List.of(new JobConditionBuilder().withType(type).withStatus("True")
                                .withReason(reason).withMessage(message).build()))
                        .withSucceeded(type.equals("Complete") ? 1 : 0).withFailed(type.equals("Failed") ? 1 : 0)
                        .endStatus().build());
    }

    @Override
    public void close() {
        watch.close();
        pods.shutdownNow();
    }
}
