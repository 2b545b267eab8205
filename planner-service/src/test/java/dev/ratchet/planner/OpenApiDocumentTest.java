package dev.ratchet.planner;

import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.OpenApiContract;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.SimulatedModelResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The planner's OpenAPI document (sessions, steering, steps, keys, the GitHub hook) in step with its resources. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(SimulatedModelResource.class)
class OpenApiDocumentTest extends OpenApiContract {
}
