package dev.ratchet.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.plan.PlanStep;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.SessionMachine;
import dev.ratchet.core.session.StepPolicy;

class SessionHashTest {

    static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");

    static Session created() {
        return Session.created("7c9e6679-7425-40de-944b-e07fc1f90ae7", "/srv/repos/demo", "Greet users", "abc1234",
                List.of(new Check("unit", "pytest -q", 300)), StepPolicy.DEFAULTS, T0);
    }

    @Test
    void aSessionPlannedFromASkillReadsBackTheSame() {
        Session planned = new SessionMachine(3, 8000).planned(created(),
                List.of(new PlanStep("s1", "Add greet()", "Add greet(name)")), "greet-users@2", T0).session();

        Map<String, String> fields = SessionHash.fields(planned);

        assertThat(fields).containsEntry("plannedFrom", "greet-users@2");
        assertThat(SessionHash.session(fields)).isEqualTo(planned);
    }

    @Test
    void aSessionStoredBeforePlannedFromExistedReadsAsPlannedByTheModel() {
        Map<String, String> fields = new java.util.HashMap<>(SessionHash.fields(created()));
        assertThat(fields).containsEntry("plannedFrom", "");
        fields.remove("plannedFrom");

        assertThat(SessionHash.session(fields)).isEqualTo(created());
    }
}
