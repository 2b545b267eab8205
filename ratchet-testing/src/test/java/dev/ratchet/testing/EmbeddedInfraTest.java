package dev.ratchet.testing;

/** The infrastructure every build uses: an in-process KRaft broker and a redis-server process. */
class EmbeddedInfraTest extends InfraContract {

    @Override
    String bootstrapServers() {
        return SharedInfra.kafkaBootstrapServers();
    }

    @Override
    String redisUrl() {
        return SharedInfra.redisUrl();
    }
}
