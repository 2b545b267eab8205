package dev.ratchet.skills.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
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

import dev.ratchet.core.auth.Caller;
import dev.ratchet.core.skill.SkillFolder;
import dev.ratchet.core.skill.archive.SkillArchives;
import dev.ratchet.runtime.auth.CurrentCaller;
import dev.ratchet.runtime.rest.Links;
import dev.ratchet.runtime.rest.ProblemException;
import dev.ratchet.runtime.rest.ProblemMappers;
import dev.ratchet.runtime.rest.QueryParams;
import dev.ratchet.skills.config.SkillsConfig;
import dev.ratchet.skills.registry.SkillRegistry;
import dev.ratchet.skills.store.SkillRecord;
import dev.ratchet.skills.store.SkillStore;

/**
 * The skills: upload (a SKILL.md, or a zip or tar.gz of a skill folder), list, one skill with its versions and
 * statistics, its SKILL.md and its folder as a zip, deletion and a person's approval. Search and replay outcomes
 * are in {@link SearchResource} and {@link ReplayResource}.
 */
@Path("/api/v1/skills")
@Tag(name = "Skills", description = "Agent Skills: publish, read, delete, trust, untrust")
@Produces(MediaType.APPLICATION_JSON)
public class SkillResource {

    private static final int MAX_LIST = 500;
    private static final String SKILL_MD_EXAMPLE = """
            ---
            name: add-input-validation
            description: "Validates incoming request bodies and answers bad input with a 400 problem+json naming each \
            invalid field. Use when an API crashes with a 500 on bad input."
            ---
            # Add input validation
            1. Find the handler ...
            """;
    /** A filtered list reads at most this many names for one page, so a rare query answers in bounded time. */
    private static final int MAX_SCANNED = 5000;
    private static final String MARKDOWN = "text/markdown";
    private static final List<String> ARCHIVES = List.of("application/zip", "application/x-zip-compressed",
            "application/gzip", "application/x-gzip", "application/x-tar+gzip", "application/octet-stream");

    private final SkillStore store;
    private final SkillRegistry registry;
    private final SkillsConfig config;
    private final CurrentCaller caller;

    SkillResource(SkillStore store, SkillRegistry registry, SkillsConfig config, CurrentCaller caller) {
        this.store = store;
        this.registry = registry;
        this.config = config;
        this.caller = caller;
    }

    /** 201 with a new version (or skill), 200 when the content is already the latest version. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Publish a skill", description = "A SKILL.md (text/markdown) or a skill folder"
            + " (application/zip, or application/gzip for tar.gz), validated and bounded; 201 with the new version"
            + " (or skill), 200 when the content is already the latest version, 415 for any other media type.")
    @APIResponse(responseCode = "201", description = "A new version, or a new skill")
    @APIResponse(responseCode = "200", description = "The content is already the latest version")
    public Response upload(@RequestBody(required = true, content = {
            @Content(mediaType = MARKDOWN, examples = @ExampleObject(name = "SKILL.md", value = SKILL_MD_EXAMPLE)),
            @Content(mediaType = "application/zip"), @Content(mediaType = "application/gzip") }) byte[] body,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @Context UriInfo uri) {
        String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        SkillRegistry.Published published;
        Caller c = caller.get();
        SkillRegistry.Publisher publisher = new SkillRegistry.Publisher(c.team(), c::mayAccess);
        if (type.equals(MARKDOWN)) {
            published = registry.publishSkillMd(body, publisher);
        } else if (ARCHIVES.contains(type)) {
            published = registry.publish(SkillArchives.read(body, config.archive().limits()), publisher);
        } else {
            throw new ProblemException(415, ProblemMappers.TYPE_MEDIA_TYPE, "Unsupported media type", "send a "
                    + "SKILL.md as " + MARKDOWN + ", or a skill folder as application/zip or application/gzip "
                    + "(tar.gz), not " + (type.isEmpty() ? "no Content-Type" : QueryParams.echo(type)), List.of());
        }
        String base = Links.base(uri);
        SkillViews.Upload answer = new SkillViews.Upload(published.name(), published.version(),
                published.newVersion(), published.newSkill(), SkillViews.links(base, published.name()));
        return published.newVersion() ? Response.created(URI.create(answer.links().get("self"))).entity(answer)
                .build() : Response.ok(answer).build();
    }

    /**
     * Skills in name order, {@code limit} at a time after {@code cursor} (the last name of the page before);
     * {@code q} keeps those whose name or description holds it (any letter case).
     */
    @GET
    @Operation(summary = "List skills", description = "In name order, a page at a time; q keeps those whose name"
            + " or description holds it (any letter case).")
    public SkillViews.Page list(@Parameter(description = "Text in the name or description", example = "validation")
            @QueryParam("q") String q,
            @Parameter(description = "The last name of the page before") @QueryParam("cursor") String cursor,
            @Parameter(description = "1 to 500; 50 when absent", example = "50") @QueryParam("limit") String limit,
            @Context UriInfo uri) {
        int max = QueryParams.intParam("limit", limit, 50, 1, MAX_LIST);
        String after = cursor == null || cursor.isEmpty() ? null : SkillLookup.name("cursor", cursor);
        String filter = q == null || q.isBlank() ? null : q.strip().toLowerCase(Locale.ROOT);
        Caller c = caller.get();
        List<SkillViews.Summary> items = new ArrayList<>();
        String last = after;
        int scanned = 0;
        boolean more = true;
        while (items.size() < max && more && scanned < MAX_SCANNED) {
            List<String> page = store.names(last, filter == null ? max - items.size() : MAX_LIST);
            more = !page.isEmpty();
            for (String name : page) {
                scanned++;
                last = name;
                store.find(name).filter(r -> c.mayAccess(r.team())).filter(r -> filter == null || matches(r, filter))
                        .ifPresent(r -> items.add(
                        SkillViews.summary(r, store.versions(name).get(r.latest()), Links.base(uri))));
                if (items.size() == max) {
                    break;
                }
            }
        }
        boolean hasNext = last != null && !store.names(last, 1).isEmpty();
        return new SkillViews.Page(items, hasNext ? last : null);
    }

    private static boolean matches(SkillRecord record, String filter) {
        return record.name().contains(filter) || record.description().toLowerCase(Locale.ROOT).contains(filter);
    }

    @GET
    @Path("{name}")
    @Operation(summary = "Read a skill", description = "Its status, versions, replay statistics and links.")
    public SkillViews.Detail get(
            @Parameter(description = SkillLookup.NAME_PARAM, example = SkillLookup.NAME_PARAM_EXAMPLE)
            @PathParam("name") String name,
            @Context UriInfo uri) {
        return SkillLookup.detail(store, name, Links.base(uri), caller);
    }

    @GET
    @Path("{name}/SKILL.md")
    @Produces("text/markdown")
    @Operation(summary = "Fetch a SKILL.md", description = "The SKILL.md of the latest version, or of ?version=.")
    public byte[] skillMd(
            @Parameter(description = SkillLookup.NAME_PARAM, example = SkillLookup.NAME_PARAM_EXAMPLE)
            @PathParam("name") String name,
            @Parameter(description = SkillLookup.VERSION_PARAM, example = "2") @QueryParam("version") String version) {
        return folder(name, version).skillMd().content();
    }

    /** The folder as a zip ({@code <name>/...}), the same bytes for the same content. */
    @GET
    @Path("{name}/archive")
    @Produces("application/zip")
    @Operation(summary = "Fetch a skill folder", description = "The folder as a zip (<name>/...), the same bytes"
            + " (and ETag) for the same content.")
    public Response archive(
            @Parameter(description = SkillLookup.NAME_PARAM, example = SkillLookup.NAME_PARAM_EXAMPLE)
            @PathParam("name") String name,
            @Parameter(description = SkillLookup.VERSION_PARAM, example = "2") @QueryParam("version") String version) {
        SkillFolder folder = folder(name, version);
        return Response.ok(SkillArchives.writeZip(folder))
                .header("Content-Disposition", "attachment; filename=\"" + name + ".zip\"")
                .header("ETag", "\"" + folder.digest() + "\"").build();
    }

    /** The skill's team's keys (and admin keys) may delete it. */
    @DELETE
    @Path("{name}")
    @Operation(summary = "Delete a skill", description = "Every version and its statistics; 204.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(
            @Parameter(description = SkillLookup.NAME_PARAM, example = SkillLookup.NAME_PARAM_EXAMPLE)
            @PathParam("name") String name) {
        SkillLookup.find(store, name, caller);
        if (!registry.delete(name)) {
            throw ProblemException.notFound("no skill " + name);
        }
        return Response.noContent().build();
    }

    /** A person's approval: {@code trusted} until replays after it fail too often. */
    @POST
    @Path("{name}/trust")
    @Operation(summary = "Trust a skill", description = "A person's approval: trusted (the planner may apply it"
            + " without asking) until replays after it fail too often.")
    public SkillViews.Detail trust(
            @Parameter(description = SkillLookup.NAME_PARAM, example = SkillLookup.NAME_PARAM_EXAMPLE)
            @PathParam("name") String name,
            @Context UriInfo uri) {
        SkillLookup.find(store, name, caller);
        registry.trust(name);
        return get(name, uri);
    }

    /** A person's trust withdrawn: {@code candidate} again, not applied without the planner model until earned anew. */
    @DELETE
    @Path("{name}/trust")
    @Operation(summary = "Untrust a skill", description = "Withdraws a person's trust: the skill is a candidate"
            + " (the planner no longer applies it without its model) until enough replays pass after this, or a"
            + " person trusts it again; the replays before it no longer count.")
    public SkillViews.Detail untrust(
            @Parameter(description = SkillLookup.NAME_PARAM, example = SkillLookup.NAME_PARAM_EXAMPLE)
            @PathParam("name") String name,
            @Context UriInfo uri) {
        SkillLookup.find(store, name, caller);
        registry.untrust(name);
        return get(name, uri);
    }

    private SkillFolder folder(String name, String version) {
        SkillRecord record = SkillLookup.find(store, name, caller);
        int n = QueryParams.intParam("version", version, record.latest(), 1, record.latest());
        return store.folder(name, n).orElseThrow(() -> ProblemException.notFound("no version " + n + " of skill "
                + name));
    }
}
