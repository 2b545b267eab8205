package dev.ratchet.skills.api;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import dev.ratchet.runtime.rest.Links;
import dev.ratchet.runtime.rest.ProblemException;
import dev.ratchet.runtime.rest.QueryParams;
import dev.ratchet.skills.store.SkillStore;
import dev.ratchet.skills.store.StoredSkill;

/** The captured skills: a list, each one's metadata, and its SKILL.md in the Agent Skills format. */
@Path("/api/v1/skills")
@Produces(MediaType.APPLICATION_JSON)
public class SkillResource {

    /** The Agent Skills name rule (as {@code SkillDocument} checks it): a name is also part of a Redis key. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int MAX_NAME_CHARS = 64;
    private static final int MAX_LIST = 500;

    private final SkillStore store;

    SkillResource(SkillStore store) {
        this.store = store;
    }

    @GET
    public List<SkillView> list(@QueryParam("limit") String limit, @Context UriInfo uri) {
        return store.recent(QueryParams.intParam("limit", limit, 50, 1, MAX_LIST)).stream()
                .map(s -> SkillView.of(s, Links.base(uri))).toList();
    }

    @GET
    @Path("{name}")
    public SkillView get(@PathParam("name") String name, @Context UriInfo uri) {
        return SkillView.of(find(name), Links.base(uri));
    }

    @GET
    @Path("{name}/SKILL.md")
    @Produces("text/markdown")
    public String skillMd(@PathParam("name") String name) {
        return find(name).skillMd();
    }

    /** @throws ProblemException 400 naming {@code name} when it cannot be a skill's, 404 when there is none */
    private StoredSkill find(String name) {
        if (name.length() > MAX_NAME_CHARS || !NAME.matcher(name).matches()) {
            throw ProblemException.invalidParameter("name", "must be a skill name: 1 to " + MAX_NAME_CHARS
                    + " characters of a-z, 0-9 and single hyphens, not '" + QueryParams.echo(name) + "'");
        }
        return store.find(name).orElseThrow(() -> ProblemException.notFound("no skill " + name));
    }

}
