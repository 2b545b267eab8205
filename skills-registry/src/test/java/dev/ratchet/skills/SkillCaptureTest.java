package dev.ratchet.skills;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.ratchet.core.event.CloudEventHeaders;
import dev.ratchet.core.event.SessionCompleted;
import dev.ratchet.core.event.SessionFailed;
import dev.ratchet.core.event.Topics;
import dev.ratchet.core.skill.SkillDocument;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Completed sessions on the lifecycle topic become skills in Redis, served as SKILL.md. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
class SkillCaptureTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String GROUP = "ratchet-skills";
    static final String GOAL = "Add word statistics to textstats";
    static final String SLUG = "add-word-statistics-to-textstats";

    @Inject
    RedisDataSource redis;

    final KafkaProbe kafka = KafkaProbe.shared();

    @Test
    void completedSessionBecomesASkill() {
        String session = UUID.randomUUID().toString();
        SessionCompleted completed = Sessions.completed(session, Sessions.DEMO_GOAL);
        kafka.send(completed);
        // The demo goal is longer than a skill name may be: the slug is cut, the session suffix kept.
        String name = Sessions.skillName("add-word-statistics-to-textstats-word-count-top-words-a", session);
        assertThat(name).hasSizeLessThanOrEqualTo(64);

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/skills").then().statusCode(200)
                .body("name", hasItem(name)));

        Response view = given().get("/api/v1/skills/" + name).then().statusCode(200)
                .contentType("application/json")
                .body("name", equalTo(name))
                .body("sessionId", equalTo(session))
                .body("repo", equalTo(Sessions.REPO))
                .body("steps", equalTo(3))
                .body("description", startsWith(Sessions.DEMO_GOAL + ". Replays 3 verified steps"))
                .body("links.self", endsWith("/api/v1/skills/" + name))
                .body("links.skillMd", endsWith("/api/v1/skills/" + name + "/SKILL.md"))
                .extract().response();
        assertThat(view.<String>path("capturedAt")).isNotBlank();

        // The link is absolute and leads to the document.
        String skillMd = given().get(view.<String>path("links.skillMd")).then().statusCode(200)
                .contentType(startsWith("text/markdown")).extract().asString();
        SkillDocument doc = SkillDocument.parse(skillMd);
        assertThat(doc.violations()).isEmpty();
        assertThat(doc.name()).isEqualTo(name);
        assertThat(doc.description()).isEqualTo(view.<String>path("description"));
        assertThat(doc.compatibility()).contains(Sessions.UNIT_TESTS.command());
        assertThat(doc.metadata()).containsEntry("ratchet-session", session)
                .containsEntry("ratchet-repo", Sessions.REPO)
                .containsEntry("ratchet-base-commit", Sessions.BASE_COMMIT)
                .containsEntry("ratchet-steps", "3")
                .containsEntry("ratchet-tokens-out", "910");
        String body = doc.body();
        assertThat(body).startsWith("# " + Sessions.DEMO_GOAL);
        int s1 = body.indexOf("1. **Add word_count**: In textstats.py add word_count(text)");
        int s2 = body.indexOf("2. **Add top_words**: In textstats.py add top_words(text, n)");
        int s3 = body.indexOf("3. **Add a command-line entry point**: ");
        assertThat(s1).as("step 1").isNotNegative();
        assertThat(s2).as("steps in order").isGreaterThan(s1);
        assertThat(s3).as("steps in order").isGreaterThan(s2);
        assertThat(body).as("instructions on one line").contains("tuples, most frequent first");
        assertThat(body).contains("## Checks").contains("- `unit-tests`: `python3 -m unittest discover -s tests -t .`"
                + " (timeout 60 s)");
        assertThat(body.indexOf("## Checks")).isGreaterThan(s3);

        Map<String, String> hash = redis.hash(String.class).hgetall(RedisKeys.skill(name));
        assertThat(hash).containsEntry("name", name).containsEntry("sessionId", session)
                .containsEntry("repo", Sessions.REPO).containsEntry("steps", "3")
                .containsEntry("skillMd", skillMd);
        assertThat(redis.sortedSet(String.class).zscore(RedisKeys.SKILLS, name)).isPresent();
    }

    @Test
    void skillsAreListedNewestFirst() {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        String firstName = Sessions.skillName(SLUG, first);
        String secondName = Sessions.skillName(SLUG, second);
        kafka.send(Sessions.completed(first, GOAL));
        await().atMost(WAIT).until(() -> redis.key().exists(RedisKeys.skill(firstName)));
        kafka.send(Sessions.completed(second, GOAL));
        await().atMost(WAIT).until(() -> redis.key().exists(RedisKeys.skill(secondName)));

        List<String> names = given().get("/api/v1/skills").then().statusCode(200).extract().path("name");
        assertThat(names).as("same goal, two sessions: two skills").contains(firstName, secondName);
        assertThat(names.indexOf(secondName)).isLessThan(names.indexOf(firstName));
        given().queryParam("limit", 1).get("/api/v1/skills").then().statusCode(200)
                .body("name", equalTo(List.of(secondName)))
                .body("[0].links.skillMd", endsWith("/api/v1/skills/" + secondName + "/SKILL.md"));
    }

    @Test
    void createdAndFailedSessionsAreNotSkills() {
        String session = UUID.randomUUID().toString();
        kafka.send(Sessions.created(session, GOAL));
        SessionFailed failed = Sessions.failed(session, GOAL);
        kafka.send(failed);

        kafka.awaitHandled(GROUP, record(failed.eventId()), WAIT);
        String name = Sessions.skillName(SLUG, session);
        assertThat(redis.key().exists(RedisKeys.skill(name))).isFalse();
        assertThat(redis.sortedSet(String.class).zscore(RedisKeys.SKILLS, name)).isEmpty();
        given().get("/api/v1/skills").then().statusCode(200).body("sessionId", not(hasItem(session)));
        given().get("/api/v1/skills/" + name).then().statusCode(404);
        assertThat(kafka.records(Topics.deadLetter(Topics.SESSIONS_EVENTS)))
                .noneMatch(r -> session.equals(r.key()));
    }

    @Test
    void redeliveredCompletionChangesNothing() {
        String session = UUID.randomUUID().toString();
        SessionCompleted completed = Sessions.completed(session, GOAL);
        String name = Sessions.skillName(SLUG, session);
        kafka.send(completed);
        await().atMost(WAIT).until(() -> redis.key().exists(RedisKeys.skill(name)));
        Map<String, String> before = redis.hash(String.class).hgetall(RedisKeys.skill(name));
        OptionalDouble scoreBefore = redis.sortedSet(String.class).zscore(RedisKeys.SKILLS, name);

        kafka.send(completed);
        List<ConsumerRecord<String, String>> copies = await().atMost(WAIT).until(
                () -> records(completed.eventId().toString()), records -> records.size() == 2);
        kafka.awaitHandled(GROUP, copies.get(1), WAIT);

        assertThat(redis.hash(String.class).hgetall(RedisKeys.skill(name))).isEqualTo(before);
        assertThat(redis.sortedSet(String.class).zscore(RedisKeys.SKILLS, name)).isEqualTo(scoreBefore);
        List<String> sessions = given().get("/api/v1/skills?limit=500").then().extract().path("sessionId");
        assertThat(sessions.stream().filter(session::equals)).hasSize(1);
    }

    @Test
    void skillMdMetadataValuesAreYamlStrings() throws Exception {
        String session = UUID.randomUUID().toString();
        String name = Sessions.skillName(SLUG, session);
        kafka.send(Sessions.completed(session, GOAL));
        String skillMd = await().atMost(WAIT).until(() -> given().get("/api/v1/skills/" + name + "/SKILL.md")
                .then().extract().response(), r -> r.statusCode() == 200).asString();

        String frontMatter = skillMd.substring(4, skillMd.indexOf("\n---", 4));
        JsonNode metadata = new ObjectMapper(new YAMLFactory()).readTree(frontMatter).path("metadata");
        assertThat(metadata.size()).isEqualTo(5);
        metadata.fields().forEachRemaining(e -> assertThat(e.getValue().isTextual())
                .as("metadata %s: %s is a YAML string", e.getKey(), e.getValue()).isTrue());
    }

    private List<ConsumerRecord<String, String>> records(String eventId) {
        return kafka.records(Topics.SESSIONS_EVENTS).stream()
                .filter(r -> eventId.equals(KafkaProbe.header(r, CloudEventHeaders.ID).orElse(null))).toList();
    }

    private ConsumerRecord<String, String> record(UUID eventId) {
        return await().atMost(WAIT).until(() -> records(eventId.toString()), r -> !r.isEmpty()).get(0);
    }
}
