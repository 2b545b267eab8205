package dev.ratchet.core.event;

/**
 * How much of the executor model's context one attempt used: its largest request, against the step's budget and
 * the model's window, and how many model turns the attempt took.
 *
 * @param peakTokens the largest request of the attempt, counted with Ratchet's tokenizer (o200k)
 * @param budgetTokens the step's budget, which no request exceeded
 * @param windowTokens the executor model's configured context window
 * @param percentOfWindow {@code peakTokens} as a percentage of the window, one decimal
 * @param turns model calls the attempt made
 */
public record ContextUse(int peakTokens, int budgetTokens, int windowTokens, double percentOfWindow, int turns) {
}
