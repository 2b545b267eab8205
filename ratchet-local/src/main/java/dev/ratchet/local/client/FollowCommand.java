package dev.ratchet.local.client;


import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ratchet follow ID}: the session live until it ends; exit 0 when it completed, 1 when it did not. */
@Command(name = "follow", description = "Watch a session live until it ends (exit 0 completed, 1 failed or "
        + "cancelled, 4 still running at --timeout)")
final class FollowCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The session id")
    String id;

    @Mixin
    Watch watch = new Watch();

    FollowCommand(Context context) {
        super(context);
    }

    @Override
    public Integer call() {
        return Follower.follow(client(), id, watch.timeout, json, out(), err());
    }
}
