package dev.ratchet.local.client;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ratchet approve ID}: the plan of a session that waits for approval runs. */
@Command(name = "approve", description = "Approve the plan of a session submitted with --approve-plan")
final class ApproveCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The session id")
    String id;

    ApproveCommand(Context context) {
        super(context);
    }

    @Override
    public Integer call() {
        JsonNode answer = client().approve(id);
        if (json) {
            print(answer);
        } else {
            out().println("session " + id + " approved: " + answer.path("status").asText() + ", "
                    + answer.path("steps").size() + " steps");
        }
        return Exit.DONE;
    }
}
