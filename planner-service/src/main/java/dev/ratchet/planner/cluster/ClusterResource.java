package dev.ratchet.planner.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.ratchet.planner.skills.SkillsRegistryCalls;
import dev.ratchet.runtime.auth.CurrentCaller;
import dev.ratchet.runtime.rest.ProblemException;

/**
 * The cluster as the console's cluster view shows it, read from the smallest honest sources: the broker (each
 * service's consumer group: members, backlog; dead-letter records), Redis (who holds which step now) and the
 * registry's own readiness. An executor or verifier is up when its group has a consumer; a part that cannot be read
 * is named in {@code errors} and its services are UNKNOWN. For admins: it shows every team's running steps.
 */
@Path("/api/v1/cluster")
@Tag(name = "Cluster", description = "Services, work in flight, backlog and dead letters")
public class ClusterResource {

    private final KafkaGroups kafka;
    private final StepsInFlight steps;
    private final SkillsRegistryCalls registry;
    private final CurrentCaller caller;

    ClusterResource(KafkaGroups kafka, StepsInFlight steps, SkillsRegistryCalls registry, CurrentCaller caller) {
        this.kafka = kafka;
        this.steps = steps;
        this.registry = registry;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Look at the cluster", description = "Services up or down, steps in flight by instance,"
            + " consumer backlog and dead-letter records; admins only.")
    public ClusterView look() {
        caller.requireAdmin("the cluster view");
        List<String> errors = new ArrayList<>();
        KafkaGroups.Look broker = null;
        try {
            broker = kafka.look();
        } catch (IllegalStateException e) {
            errors.add(e.getMessage());
        }
        List<ClusterView.InFlight> held = steps.now();
        List<ClusterView.Service> services = new ArrayList<>();
        services.add(new ClusterView.Service("planner", "UP", "this answer", null));
        for (KafkaGroups.Group g : KafkaGroups.GROUPS) {
            if (g.service().equals("planner")) {
                continue;
            }
            services.add(g.service().equals("skills-registry") ? registryHealth() : byGroup(g, broker, held));
        }
        return new ClusterView(Instant.now(), services, held, broker == null ? List.of() : broker.groups(),
                broker == null ? List.of() : broker.deadLetters(), errors);
    }

    private static ClusterView.Service byGroup(KafkaGroups.Group g, KafkaGroups.Look broker,
            List<ClusterView.InFlight> held) {
        String source = "consumer group " + g.id();
        if (broker == null) {
            return new ClusterView.Service(g.service(), "UNKNOWN", source, "the broker could not be read");
        }
        ClusterView.Group group = broker.groups().stream().filter(x -> x.group().equals(g.id())).findFirst()
                .orElseThrow();
        Set<String> owners = new TreeSet<>();
        held.stream().filter(h -> h.role().equals(g.service())).forEach(h -> owners.add(h.owner()));
        String busy = owners.isEmpty() ? "" : "; working: " + String.join(", ", owners);
        return group.members() > 0
                ? new ClusterView.Service(g.service(), "UP", source, group.members() + " consumer"
                        + (group.members() == 1 ? "" : "s") + busy)
                : new ClusterView.Service(g.service(), "DOWN", source, "no consumer in the group" + busy);
    }

    private ClusterView.Service registryHealth() {
        String source = "GET /q/health/ready of the skills registry";
        try (Response r = registry.send("GET", "/q/health/ready", null)) {
            return new ClusterView.Service("skills-registry", r.getStatus() == 200 ? "UP" : "DOWN", source,
                    "HTTP " + r.getStatus());
        } catch (ProblemException e) {
            return new ClusterView.Service("skills-registry", "DOWN", source, e.getMessage());
        }
    }
}
