package dev.ratchet.k8s.checks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.ratchet.core.event.Check;
import dev.ratchet.workspace.sandbox.CheckContext;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;

/**
 * The Job that runs one check, and what a Job's status says about it. Decisions only: no client.
 */
public final class CheckJobs {

    /** The label the deny-all NetworkPolicy {@code ratchet-check-jobs} (k8s/base) selects. */
    public static final String NAME_LABEL = "app.kubernetes.io/name";
    public static final String NAME = "ratchet-check";
    public static final String SESSION_LABEL = "ratchet.dev/session";
    public static final String STEP_LABEL = "ratchet.dev/step";
    public static final String ATTEMPT_LABEL = "ratchet.dev/attempt";
    public static final String CHECK_LABEL = "ratchet.dev/check";
    /** Where a Job mounts its check's directory (the copy in {@code work/}, {@code home/}, and the result files). */
    public static final String MOUNT = "/ratchet";
    public static final String COMMAND_ENV = "RATCHET_CHECK_COMMAND";
    public static final String DIR_ENV = "RATCHET_CHECK_DIR";

    /** Files the wrapper leaves in the check's directory. */
    static final String HEAD_FILE = "head";
    static final String TAIL_FILE = "tail";
    static final String REST_FILE = "rest-bytes";
    static final String EXIT_FILE = "exit";

    /**
     * Runs the check's command (from the environment, never spliced into the script) in {@code work/} with its output
     * through a FIFO: the first head bytes to {@code head}, the rest counted into {@code rest-bytes} with its last
     * tail bytes in {@code tail}. The status is the script's own exit status, kept in a variable the check cannot
     * write; {@code exit} records it. POSIX sh and coreutils only, so that any toolchain image runs it.
     */
    public static final String WRAPPER = """
            d="$RATCHET_CHECK_DIR"; t="${TMPDIR:-/tmp}"
            cd "$d/work" || exit 125
            rm -f "$t/.ratchet-out" "$t/.ratchet-rest"
            mkfifo "$t/.ratchet-out" "$t/.ratchet-rest" || exit 125
            wc -c < "$t/.ratchet-rest" > "$d/rest-bytes" &
            counted=$!
            { head -c "$RATCHET_CHECK_HEAD_BYTES" > "$d/head"; tee "$t/.ratchet-rest" | tail -c "$RATCHET_CHECK_TAIL_BYTES" > "$d/tail"; } < "$t/.ratchet-out" &
            kept=$!
            ( ulimit -f "$RATCHET_CHECK_FILE_BLOCKS"; exec sh -c "$RATCHET_CHECK_COMMAND" ) < /dev/null > "$t/.ratchet-out" 2>&1
            status=$?
            wait "$kept"; wait "$counted"
            echo "$status" > "$d/exit"
            exit "$status"
            """;

    /** Label values: 63 characters of [A-Za-z0-9._-], starting and ending with a letter or digit. */
    private static final int MAX_LABEL = 63;

    private CheckJobs() {
    }

    /**
     * @param name the Job's name; also names the check's directory, mounted as {@code subPath}
     * @param subPath the check's directory relative to the claim's root
     */
    public static Job job(String name, String subPath, Check check, CheckContext context, CheckJobSettings s) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME_LABEL, NAME);
        labels.put("app.kubernetes.io/part-of", "ratchet");
        labels.put("app.kubernetes.io/component", "check");
        labels.put(SESSION_LABEL, labelValue(context.sessionId()));
        labels.put(STEP_LABEL, labelValue(context.stepId()));
        labels.put(ATTEMPT_LABEL, labelValue(Integer.toString(context.attempt())));
        labels.put(CHECK_LABEL, labelValue(check.name()));
        Quantity memory = new Quantity(Long.toString(s.limits().memoryBytes()));
        JobBuilder job = new JobBuilder().withNewMetadata().withName(name).withNamespace(s.namespace())
                .withLabels(labels).endMetadata();
        s.owner().ifPresent(owner -> job.editMetadata().withOwnerReferences(new OwnerReferenceBuilder()
                .withApiVersion("v1").withKind("Pod").withName(owner.name()).withUid(owner.uid()).build())
                .endMetadata());
        return job.withNewSpec()
                // One try: a check that failed is a verdict, not a reason to run it again.
                .withBackoffLimit(0)
                .withActiveDeadlineSeconds(deadlineSeconds(check, s))
                .withTtlSecondsAfterFinished((int) s.ttlAfterFinished().toSeconds())
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withNewSecurityContext()
                .withRunAsNonRoot(true).withRunAsUser(s.runAsUid()).withRunAsGroup(s.runAsGid())
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .addNewContainer()
                .withName("check")
                .withImage(s.image())
                .withCommand("sh", "-c", WRAPPER)
                .withEnv(env(check, s))
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true).withRunAsNonRoot(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .endSecurityContext()
                .withNewResources()
                .addToRequests("cpu", new Quantity(s.cpuRequest()))
                .addToRequests("memory", new Quantity(s.memoryRequest()))
                .addToLimits("cpu", new Quantity(s.cpuLimit()))
                .addToLimits("memory", memory)
                .endResources()
                .addNewVolumeMount().withName("check").withMountPath(MOUNT).withSubPath(subPath).endVolumeMount()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("check").withNewPersistentVolumeClaim().withClaimName(s.claim())
                .endPersistentVolumeClaim().endVolume()
                .addNewVolume().withName("tmp").withNewEmptyDir()
                .withSizeLimit(new Quantity(Long.toString(s.limits().fileSizeBytes()))).endEmptyDir().endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /** The check's timeout plus the start allowance (scheduling, image pull), at least a second. */
    public static long deadlineSeconds(Check check, CheckJobSettings s) {
        return Math.max(1, check.timeoutSeconds()) + s.startAllowance().toSeconds();
    }

    private static List<EnvVar> env(Check check, CheckJobSettings s) {
        return List.of(new EnvVar(COMMAND_ENV, check.command(), null), new EnvVar(DIR_ENV, MOUNT, null),
                new EnvVar("HOME", MOUNT + "/home", null), new EnvVar("TMPDIR", "/tmp", null),
                new EnvVar("RATCHET_CHECK_HEAD_BYTES", Integer.toString(s.headBytes()), null),
                new EnvVar("RATCHET_CHECK_TAIL_BYTES", Integer.toString(s.tailBytes()), null),
                // ulimit -f counts 512-byte blocks.
                new EnvVar("RATCHET_CHECK_FILE_BLOCKS", Long.toString(Math.max(1, s.limits().fileSizeBytes() / 512)),
                        null));
    }

    /** {@code raw} as a label value: other characters become '-', cut to 63, "none" when nothing is left. */
    public static String labelValue(String raw) {
        String value = raw == null ? "" : raw.replaceAll("[^A-Za-z0-9._-]", "-");
        value = value.substring(0, Math.min(value.length(), MAX_LABEL));
        value = value.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
        return value.isEmpty() ? "none" : value;
    }

    /** How a Job ended, as its status says: empty while it runs. */
    public static Optional<JobEnd> end(Job job) {
        if (job.getStatus() == null) {
            return Optional.empty();
        }
        List<JobCondition> conditions = job.getStatus().getConditions() == null ? List.of()
                : job.getStatus().getConditions();
        for (JobCondition c : conditions) {
            if ("True".equals(c.getStatus()) && "Complete".equals(c.getType())) {
                return Optional.of(JobEnd.succeeded());
            }
            if ("True".equals(c.getStatus()) && "Failed".equals(c.getType())) {
                return Optional.of(JobEnd.failed(c.getReason(), c.getMessage()));
            }
        }
        return Optional.empty();
    }
}
