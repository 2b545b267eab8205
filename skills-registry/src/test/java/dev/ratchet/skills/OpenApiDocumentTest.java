package dev.ratchet.skills;

import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.OpenApiContract;
import dev.ratchet.testing.RedisResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The registry's OpenAPI document (skills, search, match, replays) in step with its resources. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
class OpenApiDocumentTest extends OpenApiContract {
}
