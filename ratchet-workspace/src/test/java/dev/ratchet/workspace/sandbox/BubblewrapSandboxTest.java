package dev.ratchet.workspace.sandbox;

class BubblewrapSandboxTest extends SandboxContract {

    @Override
    Isolation isolation() {
        return Isolation.BUBBLEWRAP;
    }

    @Override
    String howToGetIt() {
        return IsolationProbe.INSTALL_BUBBLEWRAP + "; without root it also needs unprivileged user namespaces";
    }
}
