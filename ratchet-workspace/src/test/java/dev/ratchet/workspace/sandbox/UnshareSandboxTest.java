package dev.ratchet.workspace.sandbox;

class UnshareSandboxTest extends SandboxContract {

    @Override
    Isolation isolation() {
        return Isolation.UNSHARE;
    }

    @Override
    String howToGetIt() {
        return "unshare (util-linux) needs root or unprivileged user namespaces"
                + " (sysctl kernel.unprivileged_userns_clone=1)";
    }
}
