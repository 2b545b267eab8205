package dev.ratchet.local.client;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.core.json.Json;
import dev.ratchet.local.LocalLayout;
import dev.ratchet.local.PlatformClient;
import dev.ratchet.local.SkillsClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What every client command shares: the connection options, {@code --json}, and where it prints. */
abstract class ClientCommand implements Callable<Integer> {

    /** The launcher's layout (for the local cluster's files) and the environment, given, not read: tests set them. */
    record Context(LocalLayout layout, Map<String, String> env) {
    }

    @Mixin
    Connection connection = new Connection();

    @Option(names = "--json", description = "Print the API's JSON instead of text, for scripts")
    boolean json;

    @Spec
    CommandSpec spec;

    private final Context context;

    ClientCommand(Context context) {
        this.context = context;
    }

    PlatformClient client() {
        return new PlatformClient(connection.endpoint(context.layout(), context.env(), Connection.Service.PLANNER));
    }

    SkillsClient skills() {
        return new SkillsClient(connection.endpoint(context.layout(), context.env(), Connection.Service.SKILLS));
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The document as one line: {@code follow --json} prints one per event, so every command does the same. */
    void print(JsonNode document) {
        out().println(Json.write(document));
    }
}
