package dev.ratchet.planner.session.api;

import java.util.List;

import dev.ratchet.core.plan.PlanStep;

/** Body of {@code PUT /api/v1/sessions/{id}/plan}: the whole edited plan, each step with id, title, instructions. */
public record PlanEdit(List<PlanStep> steps) {
}
