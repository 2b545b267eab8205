package dev.ratchet.testing;

import java.security.SecureRandom;
import java.time.Instant;

import dev.ratchet.core.auth.ApiKey;
import dev.ratchet.core.auth.KeyHash;
import dev.ratchet.core.auth.Role;
import dev.ratchet.core.auth.StoredKey;
import dev.ratchet.core.store.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;

/**
 * API keys for service tests: every {@code /api/} route needs one. A test class calls {@link #authorize} before
 * each test, and its RestAssured requests carry a member key of team {@value #TEAM} (whose repository root is the
 * temporary directory the samples are copied into, see the services' test application.properties).
 */
public final class TestKeys {

    /** The team of the keys {@link #authorize} makes. */
    public static final String TEAM = "test";

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestKeys() {
    }

    /** Stores a new key as the services' key store does (only its salted hash) and returns its token. */
    public static String issue(RedisDataSource redis, String team, Role role) {
        ApiKey key = ApiKey.generate(RANDOM);
        StoredKey stored = StoredKey.of(key, team, role, KeyHash.salt(RANDOM), Instant.now());
        redis.hash(String.class).hset(RedisKeys.apiKey(key.id()), stored.fields());
        redis.set(String.class).sadd(RedisKeys.API_KEYS, key.id());
        return key.token();
    }

    /** A new member key of {@value #TEAM}, sent from now on by every RestAssured request of this JVM. */
    public static String authorize(RedisDataSource redis) {
        return authorize(redis, TEAM);
    }

    /** A new member key of {@code team}, sent from now on by every RestAssured request of this JVM. */
    public static String authorize(RedisDataSource redis, String team) {
        return use(issue(redis, team, Role.MEMBER));
    }

    /** Sends {@code token}, instead of any key before, with every RestAssured request of this JVM from now on. */
    public static String use(String token) {
        // A RequestSpecBuilder starts from the default specification: without clearing it first, a second key would
        // be sent as a second Authorization header beside the first.
        RestAssured.requestSpecification = null;
        RestAssured.requestSpecification = new RequestSpecBuilder().addHeader("Authorization", bearer(token)).build();
        return token;
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
