package dev.ratchet.runtime.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.BlobRef;
import dev.ratchet.core.event.EventCodec;
import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.json.Json;
import dev.ratchet.core.session.AcceptedPatch;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.runtime.Samples;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What services keep about a session in a real Redis: answers stored once, patches stored once by their hash and
 * checked against it when read, the accepted chain read whole or not at all, handled markers that outlive
 * redeliveries.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
class RedisRecordsTest {

    @Inject
    RedisDataSource redis;

    @Inject
    Outcomes outcomes;

    @Inject
    Blobs blobs;

    @Inject
    PatchChain chain;

    @Inject
    ProcessedEvents processed;

    String session;
    String field;

    @BeforeEach
    void session() {
        session = UUID.randomUUID().toString();
        field = "executor:" + UUID.randomUUID();
    }

    @Test
    void theFirstAnswerStoredIsTheAnswerForGood() {
        StepRequested request = Samples.requested(session);
        StepExecuted first = Samples.failed(request, "first");
        StepExecuted second = Samples.failed(request, "second");
        assertThat(outcomes.find(session, field)).isEmpty();
        assertThat(outcomes.exists(session, field)).isFalse();

        assertThat(outcomes.storeOnce(session, field, first)).isSameAs(first);
        assertThat(outcomes.storeOnce(session, field, second)).as("the first, read back").isEqualTo(first);

        assertThat(outcomes.exists(session, field)).isTrue();
        assertThat(outcomes.find(session, field)).contains(first);
        assertThat(redis.hash(String.class).hget(RedisKeys.outcomes(session), field))
                .as("its type, a newline, its JSON").isEqualTo(EventCodec.encodeStored(first))
                .startsWith("dev.ratchet.step.executed.v2\n{");
    }

    @Test
    void aPatchIsStoredOnceUnderItsHash() {
        BlobRef ref = blobs.put(session, Samples.PATCH);
        BlobRef again = blobs.put(session, Samples.PATCH);

        assertThat(again).isEqualTo(ref);
        assertThat(ref).isEqualTo(BlobRef.of(session, Samples.PATCH));
        assertThat(ref.key()).isEqualTo(RedisKeys.blobs(session));
        assertThat(redis.hash(String.class).hgetall(RedisKeys.blobs(session))).containsOnlyKeys(ref.sha256());
        assertThat(blobs.get(ref)).isEqualTo(Samples.PATCH);
    }

    @Test
    void aPatchRedisDoesNotHaveOrThatDoesNotMatchItsHashIsNeverReturned() {
        BlobRef missing = BlobRef.of(session, Samples.PATCH);
        assertThatThrownBy(() -> blobs.get(missing)).isInstanceOf(MissingBlobException.class)
                .hasMessage("no blob " + missing.sha256() + " in " + missing.key());

        BlobRef ref = blobs.put(session, Samples.PATCH);
        redis.hash(String.class).hset(ref.key(), ref.sha256(), Samples.PATCH.replace("+b", "+c"));

        assertThatThrownBy(() -> blobs.get(ref)).isInstanceOf(MissingBlobException.class)
                .hasMessage("blob " + ref.sha256() + " in " + ref.key() + " does not match its hash");
        assertThat(blobs.put(session, Samples.PATCH)).as("storing it again does not overwrite").isEqualTo(ref);
        assertThatThrownBy(() -> blobs.get(ref)).isInstanceOf(MissingBlobException.class);
    }

    @Test
    void theAcceptedChainIsReadInOrderAndWholeOrNotAtAll() {
        assertThat(chain.first(session, 0)).isEmpty();
        accept("s1", "patch one\n");
        accept("s2", "patch two\n");

        assertThat(chain.first(session, 2)).containsExactly("patch one\n", "patch two\n");
        assertThat(chain.first(session, 1)).containsExactly("patch one\n");
        assertThatThrownBy(() -> chain.first(session, 3)).isInstanceOf(IncompletePatchChainException.class)
                .hasMessage("session " + session + " has 2 accepted patches in Redis, the step needs 3");

        redis.key().del(RedisKeys.blobs(session));
        assertThatThrownBy(() -> chain.first(session, 2)).isInstanceOf(IncompletePatchChainException.class)
                .hasMessageStartingWith("session " + session + "'s accepted patches are incomplete: no blob ");
    }

    @Test
    void aHandledMarkerOutlivesAnyRedeliveryForAWeek() {
        UUID event = UUID.randomUUID();
        assertThat(processed.isProcessed("planner", event)).isFalse();

        processed.markProcessed("planner", event);

        assertThat(processed.isProcessed("planner", event)).isTrue();
        assertThat(processed.isProcessed("skills", event)).as("per consumer").isFalse();
        assertThat(Duration.ofSeconds(redis.key().ttl(RedisKeys.processed("planner", event.toString()))))
                .isBetween(Duration.ofDays(7).minusMinutes(1), Duration.ofDays(7));
    }

    private void accept(String step, String patch) {
        BlobRef ref = blobs.put(session, patch);
        redis.list(String.class).rpush(RedisKeys.patches(session), Json.write(new AcceptedPatch(step, 1, 0, ref)));
    }
}
