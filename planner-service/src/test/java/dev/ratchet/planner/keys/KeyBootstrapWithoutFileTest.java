package dev.ratchet.planner.keys;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ratchet.core.auth.ApiKey;
import dev.ratchet.core.json.Json;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.SimulatedModelResource;
import dev.ratchet.testing.TestKeys;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A planner on Kubernetes before anyone created the Secret {@code ratchet-bootstrap-key}: the key file it names is
 * not there. It starts, is ready, and says once how to give a key; a key given later is stored once, however often
 * replicas and restarts look, and opens the API.
 */
@QuarkusTest
@TestProfile(KeyBootstrapWithoutFileTest.NoKeyFile.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(SimulatedModelResource.class)
class KeyBootstrapWithoutFileTest {

    /** The planner's log, one file per test JVM so that an earlier run's lines are never counted. */
    static final Path LOG = Path.of("target", "key-bootstrap-" + ProcessHandle.current().pid() + ".log");

    public static class NoKeyFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ratchet.auth.bootstrap.key-file", "target/no-bootstrap-key/api-key",
                    "ratchet.auth.bootstrap.team", "kubernetes",
                    "quarkus.log.file.enabled", "true", "quarkus.log.file.path", LOG.toString());
        }
    }

    @Inject
    KeyBootstrap bootstrap;

    @Test
    void withoutTheFileThePlannerIsReadyAndSaysOnceHowToGiveAKey() throws Exception {
        given().get("/q/health/ready").then().statusCode(200);

        // The services log JSON, one record a line.
        List<JsonNode> warnings = new ArrayList<>();
        for (String line : Files.readAllLines(LOG)) {
            JsonNode record = Json.read(line, JsonNode.class);
            if (record.path("message").asText().startsWith("no bootstrap API key")) {
                warnings.add(record);
            }
        }
        assertThat(warnings).singleElement().satisfies(warning -> {
            assertThat(warning.path("level").asText()).isEqualTo("WARN");
            assertThat(warning.path("message").asText()).contains("target/no-bootstrap-key/api-key does not exist")
                    .contains(KeyBootstrap.HOW_TO_CREATE);
        });
    }

    @Test
    void aKeyGivenLaterIsStoredOnceAsAnAdminKeyAndOpensTheApi(@TempDir Path secret) throws Exception {
        ApiKey key = ApiKey.generate(new SecureRandom());
        Path file = Files.writeString(secret.resolve("api-key"), key.token() + "\n");

        assertThat(bootstrap.store(file)).isEqualTo(KeyBootstrap.Outcome.STORED);
        // Another replica, or this one restarted: the key is there already and stays as it is.
        assertThat(bootstrap.store(file)).isEqualTo(KeyBootstrap.Outcome.ALREADY_STORED);

        TestKeys.use(key.token());
        given().get("/api/v1/keys").then().statusCode(200)
                .body("find { it.id == '" + key.id() + "' }.team", equalTo("kubernetes"))
                .body("find { it.id == '" + key.id() + "' }.role", equalTo("ADMIN"));
    }
}
