package dev.ratchet.local;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.core.auth.ApiKey;
import dev.ratchet.core.auth.Teams;

/**
 * {@code ./ratchet keys create --team T [--admin]}, {@code keys list} and {@code keys revoke ID}: API keys through the
 * planner's {@code /api/v1/keys}, with the running cluster's development key (an admin key), or at
 * {@code --planner URL} with an admin key in {@code --key-file PATH} or {@code RATCHET_API_KEY}. A created key is
 * printed once ({@code api-key: ...}); the platform keeps only its hash.
 */
final class KeysCommand {

    private KeysCommand() {
    }

    /** Returns the exit code: 0 done, 1 refused or unreachable, 64 a usage error. */
    static int run(LocalLayout layout, List<String> args, PrintStream out, PrintStream err) {
        List<String> positional = new ArrayList<>();
        String team = null;
        String planner = null;
        String keyFile = null;
        boolean admin = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            boolean valued = i + 1 < args.size();
            if (arg.equals("--team") && valued) {
                team = args.get(++i);
            } else if (arg.equals("--planner") && valued) {
                planner = args.get(++i);
            } else if (arg.equals("--key-file") && valued) {
                keyFile = args.get(++i);
            } else if (arg.equals("--admin")) {
                admin = true;
            } else if (arg.startsWith("-")) {
                return usage(err, "unknown option " + arg);
            } else {
                positional.add(arg);
            }
        }
        String action = positional.isEmpty() ? "" : positional.get(0);
        Optional<String> problem = switch (action) {
            case "create" -> positional.size() != 1 ? Optional.of("create takes no arguments but --team and --admin")
                    : Teams.violation(team).map(v -> "--team " + v);
            case "list" -> positional.size() == 1 ? Optional.empty() : Optional.of("list takes no arguments");
            case "revoke" -> positional.size() == 2 && ApiKey.isId(positional.get(1)) ? Optional.empty()
                    : Optional.of("revoke takes one key id (16 hex digits, as keys list shows)");
            default -> Optional.of("keys takes 'create', 'list' or 'revoke ID'");
        };
        if (problem.isPresent()) {
            return usage(err, problem.get());
        }
        Optional<ApiEndpoint> api = ClusterState.api(layout, "planner-service", planner, keyFile);
        if (api.isEmpty()) {
            err.println("ratchet: no cluster is running (./ratchet up); pass --planner http://host:8080");
            return 1;
        }
        PlatformClient client = new PlatformClient(api.get());
        try {
            switch (action) {
                case "create" -> {
                    JsonNode key = client.createKey(team, admin);
                    out.println("api-key: " + key.path("key").asText());
                    out.println("id: " + key.path("id").asText() + " (team " + key.path("team").asText() + ", "
                            + key.path("role").asText().toLowerCase(Locale.ROOT)
                            + "); shown once, the platform keeps only its hash");
                }
                case "list" -> client.keys().forEach(k -> out.println(k.path("id").asText() + "  "
                        + k.path("team").asText() + "  " + k.path("role").asText() + "  created "
                        + k.path("createdAt").asText() + "  last used " + k.path("lastUsedAt").asText("never")));
                default -> {
                    client.revokeKey(positional.get(1));
                    out.println("revoked " + positional.get(1) + "; it is refused from its next call on");
                }
            }
            return 0;
        } catch (IllegalStateException e) {
            err.println("ratchet: " + e.getMessage());
            return 1;
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("ratchet: " + problem);
        err.println("""
                usage: ./ratchet keys create --team TEAM [--admin] [--planner URL] [--key-file PATH]
                       ./ratchet keys list [--planner URL] [--key-file PATH]
                       ./ratchet keys revoke ID [--planner URL] [--key-file PATH]""");
        return Main.USAGE;
    }
}
