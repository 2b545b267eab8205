package dev.ratchet.planner.session.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.Usage;
import dev.ratchet.core.plan.PlanChecks;
import dev.ratchet.core.plan.PlanFormatException;
import dev.ratchet.core.plan.PlanLimits;
import dev.ratchet.core.plan.PlanParser;
import dev.ratchet.core.plan.PlanRounds;
import dev.ratchet.core.plan.PlanSchema;
import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.core.prompt.Prompt;
import dev.ratchet.core.session.FieldViolation;
import dev.ratchet.core.session.Session;
import dev.ratchet.models.ChatMessage;
import dev.ratchet.models.ChatRequest;
import dev.ratchet.models.ChatResult;
import dev.ratchet.models.ModelCallException;
import dev.ratchet.models.ResponseFormat;
import dev.ratchet.runtime.metrics.RatchetMetrics;
import dev.ratchet.runtime.model.ModelClients;

/**
 * Asks the planner model for a plan (a first plan or a revision) until it is one that may run, within
 * {@code ratchet.planner.plan-rounds}. The plan is asked for as structured output ({@link PlanSchema}, strict);
 * a provider that refuses it (an HTTP 400 naming {@code response_format} or {@code json_schema}), or
 * {@code ratchet.planner.structured-output=false}, is asked without it, for JSON in the content. Each answer is
 * parsed and checked against the session ({@link PlanChecks}); one with problems goes back to the model with them
 * ({@link PlanRounds}), and one that still has problems after the last round fails planning with them.
 */
@ApplicationScoped
public class PlanConversation {

    private static final Logger LOG = Logger.getLogger(PlanConversation.class);
    private static final ResponseFormat STRUCTURED = ResponseFormat.jsonSchema(PlanSchema.NAME, PlanSchema.JSON);

    /** A plan and what the planner model's answers cost (nothing for a skill's). */
    public record ModelPlan(List<PlanStep> plan, Usage usage) {
    }

    /** What a plan is checked against: its bounds, the repository's files at the base commit, the checks' names. */
    public record Target(PlanLimits limits, List<String> files, List<String> checks) {

        /**
         * A session's: the executor's step budget ({@code stepTokens}, which every step request carries), the
         * session's guardrail on changed lines, the files at its base commit and its checks.
         */
        public static Target of(Session session, int maxSteps, int stepTokens,
                List<String> files) {
            return new Target(new PlanLimits(maxSteps, stepTokens, session.policy().guardrails().maxChangedLines()),
                    files, session.checks().stream().map(Check::name).toList());
        }
    }

    private final ModelClients models;
    private final RatchetMetrics metrics;
    private final PlannerConfig config;

    PlanConversation(ModelClients models, RatchetMetrics metrics, PlannerConfig config) {
        this.models = models;
        this.metrics = metrics;
        this.config = config;
    }

    /**
     * @throws PlanFormatException with every problem of the last answer, by field, when no round gave a plan
     *         that may run
     */
    public ModelPlan plan(Prompt prompt, Target session) throws ModelCallException {
        List<ChatMessage> messages = new ArrayList<>(List.of(ChatMessage.system(prompt.system()),
                ChatMessage.user(prompt.user())));
        boolean structured = config.structuredOutput();
        Usage usage = Usage.NONE;
        for (int round = 1; ; round++) {
            ChatResult answer;
            try {
                answer = ask(messages, structured);
            } catch (ModelCallException e) {
                if (!structured || !refusesStructuredOutput(e)) {
                    throw e;
                }
                LOG.infof("the planner model refuses structured output (%s); asking for JSON in the content",
                        e.getMessage());
                structured = false;
                answer = ask(messages, false);
            }
            usage = usage.plus(new Usage(answer.usage().promptTokens(), answer.usage().completionTokens(),
                    answer.totalMs(), answer.tokensPerSecond()));
            List<PlanStep> plan = List.of();
            List<FieldViolation> problems;
            try {
                plan = PlanParser.parse(answer.content(), session.limits().maxSteps());
                problems = PlanChecks.violations(plan, session.limits(), session.files(), session.checks());
            } catch (PlanFormatException e) {
                problems = List.of(new FieldViolation("plan", e.getMessage()));
            }
            PlanRounds.Next next = PlanRounds.next(round, config.planRounds(), problems);
            if (next == PlanRounds.Next.ACCEPT) {
                return new ModelPlan(plan, usage);
            }
            if (next == PlanRounds.Next.FAIL) {
                throw new PlanFormatException(PlanRounds.failure(round, problems));
            }
            LOG.infof("plan of round %d has %d problems; sent back to the planner model", round, problems.size());
            messages.add(ChatMessage.assistant(answer.content() == null ? "" : answer.content()));
            messages.add(ChatMessage.user(PlanRounds.feedback(problems, session.limits())));
        }
    }

    private ChatResult ask(List<ChatMessage> messages, boolean structured) throws ModelCallException {
        ChatRequest request = new ChatRequest(messages, null, null, true);
        ChatResult answer = models.planner().complete(structured ? request.withResponseFormat(STRUCTURED) : request);
        metrics.tokens("planner", answer.usage().promptTokens(), answer.usage().completionTokens());
        return answer;
    }

    /**
     * A provider without structured output answers the request with 400 naming the parameter (OpenAI:
     * "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model."; vLLM and
     * Ollama name json_schema). Any other failure is the model's, not the format's.
     */
    static boolean refusesStructuredOutput(ModelCallException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return e.lastStatus().isPresent() && e.lastStatus().getAsInt() == 400
                && (message.contains("response_format") || message.contains("json_schema"));
    }
}
