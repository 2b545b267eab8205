package dev.ratchet.local.client;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ratchet show ID}: the session as it stands, its plan as a checklist with each step's last attempt. */
@Command(name = "show", description = "Show a session: status, plan, attempts, usage")
final class ShowCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The session id")
    String id;

    ShowCommand(Context context) {
        super(context);
    }

    @Override
    public Integer call() {
        JsonNode session = client().session(id);
        if (json) {
            print(session);
        } else {
            SessionText.write(session, out());
        }
        return Exit.DONE;
    }
}
