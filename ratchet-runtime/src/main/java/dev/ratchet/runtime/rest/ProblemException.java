package dev.ratchet.runtime.rest;

import java.util.List;
import java.util.stream.Collectors;

import dev.ratchet.core.session.FieldViolation;

/** Thrown by resources to answer with a problem; {@link ProblemMappers} writes it. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<FieldViolation> errors;
    private final long retryAfterSeconds;

    public ProblemException(int status, String type, String title, String detail, List<FieldViolation> errors) {
        this(status, type, title, detail, errors, 0);
    }

    private ProblemException(int status, String type, String title, String detail, List<FieldViolation> errors,
            long retryAfterSeconds) {
        super(detail);
        this.retryAfterSeconds = retryAfterSeconds;
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException invalid(String title, List<FieldViolation> errors) {
        String detail = errors.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
        return new ProblemException(400, ProblemMappers.TYPE_INVALID, title, detail, errors);
    }

    /** A 400 for one bad query parameter, header or path segment, named as the client wrote it. */
    public static ProblemException invalidParameter(String name, String message) {
        return invalid("Invalid request parameter", List.of(new FieldViolation(name, message)));
    }

    /** A 413: the request body is larger than {@code limit} bytes. */
    public static ProblemException tooLarge(long size, long limit) {
        return new ProblemException(413, ProblemMappers.TYPE_TOO_LARGE, "Request body too large",
                "the body has " + size + " bytes; at most " + limit + " are accepted", List.of());
    }

    /** A 409: the request is well formed but the resource is not in a state to take it. */
    public static ProblemException conflict(String detail) {
        return new ProblemException(409, ProblemMappers.TYPE_CONFLICT, "Conflict", detail, List.of());
    }

    /** A 422: the request is well formed but what it asks for cannot be done; {@code errors} say why. */
    public static ProblemException unprocessable(String title, String detail, List<FieldViolation> errors) {
        return new ProblemException(422, ProblemMappers.TYPE_UNPROCESSABLE, title, detail, errors);
    }

    /** A 403: the caller's key is valid but may not do this (another team's resource, a member key). */
    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, ProblemMappers.TYPE_FORBIDDEN, "Forbidden", detail, List.of());
    }

    /** A 429: a limit of the caller's team; the answer carries {@code Retry-After: retryAfterSeconds}. */
    public static ProblemException tooManyRequests(String detail, long retryAfterSeconds) {
        return new ProblemException(429, ProblemMappers.TYPE_TOO_MANY_REQUESTS, "Too many requests", detail,
                List.of(), retryAfterSeconds);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, ProblemMappers.TYPE_NOT_FOUND, "Not found", what, List.of());
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** Seconds for {@code Retry-After}; 0 for none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public List<FieldViolation> errors() {
        return errors;
    }
}
