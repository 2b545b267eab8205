package dev.ratchet.local.client;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.ratchet.local.ApiRefused;
import dev.ratchet.local.ApiUnreachable;
import dev.ratchet.local.LocalLayout;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The command-line client of a running cluster's platform API: {@code sessions}, {@code submit}, {@code show},
 * {@code follow}, {@code approve}, {@code steer}, {@code patch}, and {@code skills list|show|search|trust}. Text for people, {@code --json} for scripts, and
 * the exit codes of {@link Exit}.
 */
@Command(name = "ratchet",
        description = "Talk to a Ratchet cluster's API (address and key: --url/--api-key, RATCHET_URL/RATCHET_API_KEY, "
                + "or the cluster ./ratchet up runs here)")
public final class ClientCommands {

    /** The first words that {@code ./ratchet} hands to the client. */
    public static final Set<String> NAMES = Set.of("sessions", "submit", "show", "follow", "approve", "steer", "patch");

    /** True when {@code ./ratchet} should hand the arguments to the client: its commands and {@code skills list...}. */
    public static boolean handles(List<String> args) {
        return !args.isEmpty() && (NAMES.contains(args.get(0))
                || args.get(0).equals("skills") && args.size() > 1 && SkillsCommands.NAMES.contains(args.get(1)));
    }

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help")
    boolean help;

    private ClientCommands() {
    }

    public static int run(LocalLayout layout, Map<String, String> env, List<String> args, PrintStream out,
            PrintStream err) {
        PrintWriter outWriter = new PrintWriter(out, true, StandardCharsets.UTF_8);
        PrintWriter errWriter = new PrintWriter(err, true, StandardCharsets.UTF_8);
        CommandLine cli = commandLine(new ClientCommand.Context(layout, env));
        cli.setOut(outWriter).setErr(errWriter).setExecutionExceptionHandler((e, command, parsed) -> {
            errWriter.println(command.getCommandName() + ": " + message(e));
            return exitCode(e);
        });
        int exit = cli.execute(args.toArray(String[]::new));
        outWriter.flush();
        errWriter.flush();
        return exit;
    }

    static CommandLine commandLine(ClientCommand.Context context) {
        CommandLine cli = new CommandLine(new ClientCommands());
        cli.addSubcommand(new SessionsCommand(context));
        cli.addSubcommand(new SubmitCommand(context));
        cli.addSubcommand(new ShowCommand(context));
        cli.addSubcommand(new FollowCommand(context));
        cli.addSubcommand(new ApproveCommand(context));
        cli.addSubcommand(new SteerCommand(context));
        cli.addSubcommand(new PatchCommand(context));
        CommandLine skills = new CommandLine(new SkillsCommands.Group());
        skills.addSubcommand(new SkillsCommands.ListSkills(context));
        skills.addSubcommand(new SkillsCommands.ShowSkill(context));
        skills.addSubcommand(new SkillsCommands.SearchSkills(context));
        skills.addSubcommand(new SkillsCommands.TrustSkill(context));
        skills.addSubcommand(new SkillsCommands.UntrustSkill(context));
        cli.addSubcommand(skills);
        // Picocli's own answers for bad arguments and for errors: 2 and 3, as Exit documents.
        return cli.setExitCodeExceptionMapper(ClientCommands::exitCode);
    }

    /** A refusal (4xx) is the caller's to fix; no answer or a 5xx is the cluster's. */
    static int exitCode(Throwable e) {
        if (e instanceof ApiRefused refused) {
            return refused.status() >= 500 ? Exit.UNREACHABLE : Exit.USAGE;
        }
        if (e instanceof ApiUnreachable) {
            return Exit.UNREACHABLE;
        }
        if (e instanceof UsageError || e instanceof CommandLine.ParameterException || typedBadUri(e)) {
            return Exit.USAGE;
        }
        return Exit.UNREACHABLE;
    }

    /**
     * What the person typed made no URI: a URL without a scheme, an id or a name with characters a URI cannot hold.
     * (An answer that is not JSON is also an IllegalArgumentException, from Json.read: that one is the cluster's.)
     */
    private static boolean typedBadUri(Throwable e) {
        return e instanceof IllegalArgumentException && !(e.getCause() instanceof JsonProcessingException);
    }

    private static String message(Throwable e) {
        if (e instanceof ApiRefused refused) {
            return "the API answered " + refused.status() + ": " + refused.detail();
        }
        return e.getMessage();
    }
}
