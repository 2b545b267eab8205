package dev.ratchet.runtime.testapp;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;


import dev.ratchet.core.session.FieldViolation;
import dev.ratchet.runtime.rest.ProblemException;
import dev.ratchet.runtime.rest.QueryParams;
import dev.ratchet.runtime.rest.StrictJson;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;

/** Endpoints that fail every way a Ratchet API can, for the shared problem mappers' tests. */
@Path("/probe")
public class ProbeResource {

    public record Item(String name, int size) {
    }

    public record Order(String name, int count, List<Item> items) {
    }

    @POST
    @Path("/strict")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @CustomDeserialization(StrictJson.class)
    public Order strict(Order order) {
        return order;
    }

    @POST
    @Path("/lenient")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Order lenient(Order order) {
        return order;
    }

    @GET
    @Path("/page")
    @Produces(MediaType.APPLICATION_JSON)
    public int page(@QueryParam("limit") String limit) {
        return QueryParams.intParam("limit", limit, 50, 1, 500);
    }

    @GET
    @Path("/invalid")
    @Produces(MediaType.APPLICATION_JSON)
    public String invalid() {
        throw ProblemException.invalid("Invalid probe", List.of(new FieldViolation("name", "must not be blank"),
                new FieldViolation("items[2].size", "must be positive")));
    }

    @GET
    @Path("/gone")
    @Produces(MediaType.APPLICATION_JSON)
    public String gone() {
        throw ProblemException.notFound("no probe 7");
    }

    @GET
    @Path("/conflict")
    @Produces(MediaType.APPLICATION_JSON)
    public String conflict() {
        throw new WebApplicationException("the probe is busy", 409);
    }

    @GET
    @Path("/fault")
    @Produces(MediaType.APPLICATION_JSON)
    public String fault() {
        throw new IllegalStateException("secret: the connection string is redis://admin:hunter2@db");
    }
}
