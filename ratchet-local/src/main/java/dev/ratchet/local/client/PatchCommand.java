package dev.ratchet.local.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ratchet.core.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ratchet patch ID > change.mbox}: the result branch as a patch series that {@code git am} applies. */
@Command(name = "patch", description = "Print a completed session's result as patches (git am applies them)")
final class PatchCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The session id")
    String id;

    @Option(names = "--step", paramLabel = "STEP", description = "One verified step's commit only")
    String step;

    PatchCommand(Context context) {
        super(context);
    }

    @Override
    public Integer call() {
        String mbox = step == null ? client().patch(id) : client().patch(id, step);
        if (json) {
            ObjectNode document = Json.mapper().createObjectNode().put("sessionId", id).put("mbox", mbox);
            print(step == null ? document : document.put("step", step));
        } else {
            out().print(mbox);
        }
        out().flush();
        return Exit.DONE;
    }
}
