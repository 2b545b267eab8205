package dev.ratchet.skills.api;

import java.util.List;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.ratchet.core.skill.SkillInvalidException;
import dev.ratchet.runtime.rest.Problem;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A rejected skill upload as {@code application/problem+json}: like every 400 of Ratchet, with {@code errors}
 * naming each field, and here also the specification's (or the registry's) rule each one broke. Nothing of a
 * rejected upload is stored.
 */
public class SkillProblems {

    public static final String TYPE_INVALID_SKILL = "urn:ratchet:problem:invalid-skill";

    /** RFC 9457 problem with a rule per error. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record SkillProblem(String type, String title, int status, String detail, String instance,
            List<RuleError> errors) {
    }

    /** One broken rule: the field (front matter field, {@code SKILL.md}, archive entry), the rule's id, why. */
    @RegisterForReflection
    public record RuleError(String field, String rule, String message) {
    }

    @ServerExceptionMapper
    public Response invalid(SkillInvalidException e, UriInfo uri) {
        List<RuleError> errors = e.violations().stream()
                .map(v -> new RuleError(v.field(), v.rule().id(), v.message())).toList();
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(new SkillProblem(TYPE_INVALID_SKILL,
                "Invalid skill", 400, e.getMessage(), uri.getPath(), errors)).build();
    }
}
