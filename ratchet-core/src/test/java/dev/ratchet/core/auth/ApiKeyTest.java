package dev.ratchet.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class ApiKeyTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void generatedKeyParsesBackFromItsToken() {
        ApiKey key = ApiKey.generate(random);

        assertThat(key.token()).startsWith("rk_" + key.id() + "_").hasSize(3 + 16 + 1 + 43);
        assertThat(ApiKey.parse(key.token())).contains(key);
        assertThat(ApiKey.isId(key.id())).isTrue();
    }

    @Test
    void secretWithUnderscoresIsSplitAfterTheFixedLengthId() {
        String secret = "_".repeat(43);

        assertThat(ApiKey.parse("rk_0123456789abcdef_" + secret)).contains(new ApiKey("0123456789abcdef", secret));
    }

    @Test
    void tokensNotShapedLikeKeysAreRefusedBeforeAnyLookup() {
        assertThat(ApiKey.parse(null)).isEmpty();
        assertThat(ApiKey.parse("")).isEmpty();
        assertThat(ApiKey.parse("rk_0123456789abcdef_short")).isEmpty();
        assertThat(ApiKey.parse("rk_0123456789ABCDEF_" + "a".repeat(43))).isEmpty();
        assertThat(ApiKey.parse("xx_0123456789abcdef_" + "a".repeat(43))).isEmpty();
        assertThat(ApiKey.parse("rk_0123456789abcdef_" + "a".repeat(43) + " ")).isEmpty();
        assertThat(ApiKey.parse("rk_" + "a".repeat(200))).isEmpty();
        assertThat(ApiKey.isId("../etc")).isFalse();
    }

    @Test
    void toStringShowsTheIdButNeverTheSecret() {
        ApiKey key = ApiKey.generate(random);

        assertThat(key.toString()).contains(key.id()).doesNotContain(key.secret());
    }

    @Test
    void storedKeyKeepsOnlyTheSaltedHashAndAdmitsOnlyItsSecret() {
        ApiKey key = ApiKey.generate(random);
        StoredKey stored = StoredKey.of(key, "payments", Role.MEMBER, KeyHash.salt(random),
                Instant.parse("2026-11-30T09:00:00Z"));

        assertThat(stored.fields()).doesNotContainValue(key.secret()).containsEntry("team", "payments")
                .containsEntry("role", "MEMBER").containsEntry("createdAt", "2026-11-30T09:00:00Z")
                .doesNotContainKey("lastUsedAt");
        assertThat(StoredKey.fromFields(stored.fields())).isEqualTo(stored);
        assertThat(stored.admits(key)).isTrue();
        assertThat(stored.admits(new ApiKey(key.id(), ApiKey.generate(random).secret()))).isFalse();
        assertThat(stored.admits(new ApiKey("0000000000000000", key.secret()))).isFalse();
    }

    @Test
    void hashIsSha256OfSaltBytesThenSecret() {
        // printf '\x00\x01abc' | sha256sum
        assertThat(KeyHash.hash("0001", "abc"))
                .isEqualTo("c038ae3bc0bc351d1a67b5446f000f21df05e24bdfd434e905afd2c3eaf801e4");
        assertThat(KeyHash.hash("0001", "abc")).isNotEqualTo(KeyHash.hash("0002", "abc"));
    }

    @Test
    void callerReachesItsOwnTeamAndAdminsReachEveryTeam() {
        Caller member = new Caller("0123456789abcdef", "payments", Role.MEMBER);
        Caller admin = new Caller("fedcba9876543210", "platform", Role.ADMIN);

        assertThat(member.mayAccess("payments")).isTrue();
        assertThat(member.mayAccess("search")).isFalse();
        assertThat(member.mayAccess(null)).isFalse();
        assertThat(admin.mayAccess("search")).isTrue();
    }

    @Test
    void teamNamesAreLowerCaseWordsJoinedByDashes() {
        assertThat(Teams.violation("payments-emea")).isEmpty();
        assertThat(Teams.violation("a")).isEmpty();
        assertThat(Teams.violation(null)).contains("is required");
        assertThat(Teams.violation("Payments")).isPresent();
        assertThat(Teams.violation("-x")).isPresent();
        assertThat(Teams.violation("a.b")).isPresent();
        assertThat(Teams.violation("a".repeat(41))).isPresent();
    }
}
