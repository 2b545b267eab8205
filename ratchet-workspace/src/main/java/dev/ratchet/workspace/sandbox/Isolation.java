package dev.ratchet.workspace.sandbox;

/** How strongly a check is separated from the machine, the local ones strongest first. */
public enum Isolation {

    /**
     * bubblewrap: new user, pid, net, ipc, uts and cgroup namespaces; the system bound read-only, the copy and a
     * private /tmp writable; everything dies with the check's first process or with the JVM.
     */
    BUBBLEWRAP("bubblewrap"),

    /**
     * util-linux unshare: the same namespaces (a user namespace only when the JVM is not root), every mount
     * remounted read-only except the copy and a private /tmp, killed with the check's first process or the JVM.
     */
    UNSHARE("unshare"),

    /**
     * A plain process in its own session with the same limits and environment; no network or filesystem
     * separation. Leftovers are found by a marker in their environment, which a process can drop.
     */
    NONE("none"),

    /**
     * A Kubernetes Job of its own (ratchet-k8s's {@code JobCheckRunner}): its own pod, no service-account token, no
     * network (a deny-all NetworkPolicy), read-only root, no capabilities, the pod's resource limits. Not a local
     * launcher: the probe never tries it.
     */
    KUBERNETES_JOB("kubernetes-job");

    private final String label;

    Isolation(String label) {
        this.label = label;
    }

    /** The name results and logs use. */
    public String label() {
        return label;
    }
}
