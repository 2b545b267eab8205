package dev.ratchet.workspace.sandbox;

class NoIsolationSandboxTest extends SandboxContract {

    @Override
    Isolation isolation() {
        return Isolation.NONE;
    }

    @Override
    String howToGetIt() {
        return "it needs only util-linux (apt-get install -y util-linux)";
    }
}
