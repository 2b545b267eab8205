package dev.ratchet.runtime.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.ratchet.core.session.FieldViolation;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** An RFC 9457 problem detail ({@code application/problem+json}); {@code errors} names each invalid field. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
        List<FieldViolation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
