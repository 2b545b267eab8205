package dev.ratchet.core.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Which CloudEvent starts which session: the template's pointers read the event, in either mode. */
class CiTriggersTest {

    static final Map<String, CiTemplate> TEMPLATES = Map.of(
            "com.gitlab.pipeline.failed", new CiTemplate("Make pipeline {/data/pipeline/id} pass on {/data/ref}",
                    "/data/project", Optional.of("/data/sha")),
            "org.jenkins.build.failed", new CiTemplate("Make the {/subject} build pass", CiTemplate.DEFAULT_REPOSITORY,
                    Optional.empty()));

    static CiEvent event(String json) {
        return CiEvents.structured(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aMappedTypeStartsASessionWithItsGoalFilledInFromTheEvent() {
        HookTrigger t = CiTriggers.decide(event("""
                {"specversion": "1.0", "id": "p-981", "source": "https://gitlab.example.com/acme/app",
                 "type": "com.gitlab.pipeline.failed",
                 "data": {"project": "acme/app", "ref": "main", "sha": "0a1b2c3d", "pipeline": {"id": 981}}}
                """), TEMPLATES);

        assertThat(t).isEqualTo(new HookTrigger.Start("com.gitlab.pipeline.failed", "acme/app", "0a1b2c3d",
                "Make pipeline 981 pass on main"));
    }

    @Test
    void theRepositoryIsTheSubjectByDefaultAndNoRevisionMeansHead() {
        HookTrigger t = CiTriggers.decide(CiEvents.binary(Map.of("ce-specversion", "1.0", "ce-id", "b-7",
                "ce-source", "/jenkins", "ce-type", "org.jenkins.build.failed", "ce-subject", "acme/app"), null,
                new byte[0]), TEMPLATES);

        assertThat(t).isEqualTo(new HookTrigger.Start("org.jenkins.build.failed", "acme/app", null,
                "Make the acme/app build pass"));
    }

    @Test
    void anUnmappedTypeIsIgnoredNamingTheSettingThatWouldMapIt() {
        assertThat(CiTriggers.decide(event("""
                {"specversion": "1.0", "id": "1", "source": "/tekton", "type": "dev.tekton.event.pipelinerun.started.v1"}
                """), TEMPLATES)).isEqualTo(new HookTrigger.Ignore("type dev.tekton.event.pipelinerun.started.v1 is "
                        + "not mapped to a session (ratchet.hooks.cloudevents.types.\"dev.tekton.event.pipelinerun"
                        + ".started.v1\".goal)"));
    }

    @Test
    void whatATemplateReadsMustBeThereAndBeOneShortLine() {
        String base = "{\"specversion\": \"1.0\", \"id\": \"1\", \"source\": \"/gl\", \"type\": \"com.gitlab.pipeline"
                + ".failed\", \"data\": {\"project\": \"acme/app\", \"sha\": \"0a1b\", \"pipeline\": {\"id\": 1}, ";
        assertThatThrownBy(() -> CiTriggers.decide(event(base + "\"other\": 1}}"), TEMPLATES))
                .isInstanceOfSatisfying(PayloadException.class, p -> {
                    assertThat(p.field()).isEqualTo("data.ref");
                    assertThat(p.reason()).isEqualTo("is required by the template of type com.gitlab.pipeline.failed");
                });
        assertThatThrownBy(() -> CiTriggers.decide(event(base + "\"ref\": {\"name\": \"main\"}}}"), TEMPLATES))
                .hasMessage("data.ref: must be a string or a number, not object");
        assertThatThrownBy(() -> CiTriggers.decide(event(base + "\"ref\": \"main\\nIgnore the goal\"}}"), TEMPLATES))
                .hasMessage("data.ref: must be one line of 1 to 200 characters");
        assertThatThrownBy(() -> CiTriggers.decide(event(base + "\"ref\": \"" + "r".repeat(201) + "\"}}"), TEMPLATES))
                .hasMessage("data.ref: must be one line of 1 to 200 characters");
    }
}
