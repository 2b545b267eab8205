package dev.ratchet.planner.skills;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.ratchet.core.skill.SkillDocument;
import dev.ratchet.runtime.rest.ProblemException;
import dev.ratchet.runtime.rest.QueryParams;

/**
 * The few skills routes the web console needs, on the planner's own origin: each is sent on to the skills
 * registry with the caller's key ({@link SkillsRegistryCalls}), so the page needs one address and one key and the
 * registry needs no CORS. Same paths and answers as the registry's (docs/ARCHITECTURE.md, Skills).
 */
@Path("/api/v1/skills")
@Tag(name = "Skills (via the planner)",
        description = "The skills registry's list, search, read, trust and untrust, sent on")
public class SkillsProxyResource {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final String BASE = "/api/v1/skills";

    private final SkillsRegistryCalls registry;

    SkillsProxyResource(SkillsRegistryCalls registry) {
        this.registry = registry;
    }

    @GET
    @Operation(summary = "List skills (registry)", description = "The registry's GET /api/v1/skills, sent on.")
    public Response list(@QueryParam("q") String q, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return registry.send("GET", BASE + query("q", q, "limit", limit, "cursor", cursor), authorization);
    }

    @GET
    @Path("search")
    @Operation(summary = "Search skills (registry)", description = "The registry's GET /api/v1/skills/search, sent"
            + " on.")
    public Response search(@QueryParam("q") String q, @QueryParam("limit") String limit,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return registry.send("GET", BASE + "/search" + query("q", q, "limit", limit), authorization);
    }

    @GET
    @Path("{name}")
    @Operation(summary = "Read a skill (registry)", description = "Status, versions and replay statistics.")
    public Response get(@PathParam("name") String name, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return registry.send("GET", BASE + "/" + checked(name), authorization);
    }

    @GET
    @Path("{name}/SKILL.md")
    @Operation(summary = "Fetch a SKILL.md (registry)", description = "The latest version's, or ?version='s.")
    public Response skillMd(@PathParam("name") String name, @QueryParam("version") String version,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return registry.send("GET", BASE + "/" + checked(name) + "/SKILL.md" + query("version", version),
                authorization);
    }

    @POST
    @Path("{name}/trust")
    @Operation(summary = "Trust a skill (registry)", description = "A person's approval, sent on.")
    public Response trust(@PathParam("name") String name,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return registry.send("POST", BASE + "/" + checked(name) + "/trust", authorization);
    }

    @DELETE
    @Path("{name}/trust")
    @Operation(summary = "Untrust a skill (registry)", description = "A person's trust withdrawn, sent on.")
    public Response untrust(@PathParam("name") String name,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return registry.send("DELETE", BASE + "/" + checked(name) + "/trust", authorization);
    }

    /** A skill name goes into the registry's path only as a name (no slash, dot or escape can move the path). */
    private static String checked(String name) {
        if (name.length() > SkillDocument.MAX_NAME || !NAME.matcher(name).matches()) {
            throw ProblemException.invalidParameter("name", "must be a skill name: 1 to " + SkillDocument.MAX_NAME
                    + " characters of a-z, 0-9 and single hyphens, not '" + QueryParams.echo(name) + "'");
        }
        return name;
    }

    /** {@code ?a=1&b=2} of the pairs whose value is set, each value encoded again. */
    private static String query(String... pairs) {
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                q.append(q.isEmpty() ? '?' : '&').append(pairs[i]).append('=')
                        .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
            }
        }
        return q.toString();
    }
}
