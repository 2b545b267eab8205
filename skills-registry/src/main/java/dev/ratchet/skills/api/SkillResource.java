package dev.ratchet.skills.api;

import java.util.List;

import jakarta.ws.rs.DefaultValue;
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
import dev.ratchet.skills.store.SkillStore;
import dev.ratchet.skills.store.StoredSkill;

/** The captured skills: a list, each one's metadata, and its SKILL.md in the Agent Skills format. */
@Path("/api/v1/skills")
@Produces(MediaType.APPLICATION_JSON)
public class SkillResource {

    private final SkillStore store;

    SkillResource(SkillStore store) {
        this.store = store;
    }

    @GET
    public List<SkillView> list(@QueryParam("limit") @DefaultValue("50") int limit, @Context UriInfo uri) {
        return store.recent(Math.max(1, Math.min(limit, 500))).stream().map(s -> SkillView.of(s, Links.base(uri)))
                .toList();
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

    private StoredSkill find(String name) {
        return store.find(name).orElseThrow(() -> ProblemException.notFound("no skill " + name));
    }

}
