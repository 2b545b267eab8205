package dev.ratchet.workspace;

public class GitException extends RuntimeException {

    public GitException(String message) {
        super(message);
    }
}
