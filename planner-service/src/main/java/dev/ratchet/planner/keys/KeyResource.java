package dev.ratchet.planner.keys;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.ratchet.core.auth.ApiKey;
import dev.ratchet.core.auth.Role;
import dev.ratchet.core.auth.StoredKey;
import dev.ratchet.core.auth.Teams;
import dev.ratchet.core.session.FieldViolation;
import dev.ratchet.runtime.auth.CurrentCaller;
import dev.ratchet.runtime.auth.KeyStore;
import dev.ratchet.runtime.rest.ProblemException;
import dev.ratchet.runtime.rest.QueryParams;
import dev.ratchet.runtime.rest.StrictJson;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;

/**
 * API keys, for admins: create one for a team (its token is in this answer only), list them (never a secret or
 * hash), revoke one (refused from the next call on).
 */
@Path("/api/v1/keys")
@Tag(name = "Keys", description = "API keys of teams; admins only")
@Produces(MediaType.APPLICATION_JSON)
public class KeyResource {

    /** Body of {@code POST /api/v1/keys}; {@code admin} defaults to false. */
    public record CreateKeyRequest(String team, Boolean admin) {
    }

    /** A key as listed; {@code key} (the token) only in the answer that created it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KeyView(String id, String team, String role, Instant createdAt, Instant lastUsedAt, String key) {

        static KeyView of(StoredKey k, String token) {
            return new KeyView(k.id(), k.team(), k.role().name(), k.createdAt(), k.lastUsedAt(), token);
        }
    }

    private final KeyStore keys;
    private final CurrentCaller caller;

    KeyResource(KeyStore keys, CurrentCaller caller) {
        this.keys = keys;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @CustomDeserialization(StrictJson.class)
    @Operation(summary = "Create a key", description = "A key for a team, shown in this answer only (Redis keeps"
            + " a salted hash); admin: true for an admin key.")
    @APIResponse(responseCode = "201", description = "The key, with its token")
    public Response create(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "member key", value = "{\"team\": \"payments\", \"admin\": false}")))
            CreateKeyRequest body, @Context UriInfo uri) {
        caller.requireAdmin("creating a key");
        List<FieldViolation> errors = new ArrayList<>();
        String team = body == null ? null : body.team();
        Teams.violation(team).ifPresent(v -> errors.add(new FieldViolation("team", v)));
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("Invalid key request", errors);
        }
        KeyStore.Issued issued = keys.create(team, Boolean.TRUE.equals(body.admin()) ? Role.ADMIN : Role.MEMBER);
        URI location = uri.getBaseUriBuilder().path("api/v1/keys").path(issued.key().id()).build();
        return Response.created(location).entity(KeyView.of(issued.key(), issued.token())).build();
    }

    @GET
    @Operation(summary = "List keys", description = "Every key with its team, role, creation and last use; never"
            + " a token or hash.")
    public List<KeyView> list() {
        caller.requireAdmin("listing keys");
        return keys.all().stream().map(k -> KeyView.of(k, null)).toList();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke a key", description = "Refused from the next call on; 204.")
    @APIResponse(responseCode = "204", description = "Revoked")
    public Response revoke(@Parameter(description = "The key id (16 hex digits)", example = "3f9a0c1d2e4b5a69")
            @PathParam("id") String id) {
        caller.requireAdmin("revoking a key");
        if (!ApiKey.isId(id)) {
            throw ProblemException.invalidParameter("id", "must be a key id (16 hex digits), not '"
                    + QueryParams.echo(id) + "'");
        }
        if (!keys.revoke(id)) {
            throw ProblemException.notFound("no key " + id);
        }
        return Response.noContent().build();
    }
}
