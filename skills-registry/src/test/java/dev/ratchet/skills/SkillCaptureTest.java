package dev.ratchet.skills;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.ratchet.core.event.Check;
import dev.ratchet.core.event.CloudEventHeaders;
import dev.ratchet.core.event.SessionCompleted;
import dev.ratchet.core.event.SessionFailed;
import dev.ratchet.core.event.Topics;
import dev.ratchet.core.skill.RatchetSkill;
import dev.ratchet.core.skill.SkillDocument;
import dev.ratchet.core.skill.template.PlanTemplate;
import dev.ratchet.core.store.RedisKeys;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.KafkaResource;
import dev.ratchet.testing.RedisResource;
import dev.ratchet.testing.TestKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Completed sessions on the lifecycle topic become skills, without clutter: the same plan again is a statistic of
 * its skill, the same plan in another project a new version, only a new plan a new skill. Each test gives its
 * sessions a check of its own, so that their skills do not fold into another test's.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(RedisResource.class)
class SkillCaptureTest {

    @BeforeEach
    void authorize() {
        TestKeys.authorize(redis);
    }

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String GROUP = "ratchet-skills";
    static final String DEMO_NAME = "add-word-statistics-to-textstats-word-count-top-words-and-a";

    @Inject
    RedisDataSource redis;

    final KafkaProbe kafka = KafkaProbe.shared();

    /** The skill a session was captured into, once it was. */
    String skillOf(String session) {
        return await().atMost(WAIT).until(() -> redis.hash(String.class).hget(RedisKeys.SKILL_SESSIONS, session),
                name -> name != null);
    }

    static String demoRepo() {
        return "/tmp/ratchet-demo-" + UUID.randomUUID().toString().substring(0, 8) + "/textstats";
    }

    @Test
    void aCompletedSessionBecomesACandidateSkill() {
        String session = UUID.randomUUID().toString();
        Check check = Sessions.check("first");
        kafka.send(Sessions.owned(redis, Sessions.completed(session, Sessions.REPO, Sessions.DEMO_GOAL, check)));

        String name = skillOf(session);

        assertThat(name).startsWith(DEMO_NAME);
        Response view = given().get("/api/v1/skills/" + name).then().statusCode(200)
                .contentType("application/json")
                .body("status", equalTo("candidate"))
                .body("statusReason", equalTo("0 of the 3 passing replays that make it trusted"))
                .body("origin", equalTo("captured"))
                .body("latest", equalTo(1))
                .body("sourceSession", equalTo(session))
                .body("stats.captures", equalTo(1))
                .body("stats.replays", equalTo(0))
                .body("captures[0].sessionId", equalTo(session))
                .body("captures[0].steps", equalTo(3))
                .body("captures[0].attempts", equalTo(4))
                .body("captures[0].tokensOut", equalTo(910))
                .body("versions", hasSize(1))
                .body("versions[0].source", equalTo(session))
                .body("description", startsWith(Sessions.DEMO_GOAL + ". A plan of 3 steps"))
                .body("links.skillMd", endsWith("/api/v1/skills/" + name + "/SKILL.md"))
                .extract().response();

        String skillMd = given().get(view.<String>path("links.skillMd")).then().statusCode(200)
                .contentType(startsWith("text/markdown")).extract().asString();
        SkillDocument doc = SkillDocument.parse(skillMd);
        assertThat(doc.violations(name)).isEmpty();
        RatchetSkill data = RatchetSkill.of(doc).orElseThrow();
        PlanTemplate plan = data.plan();
        assertThat(plan.goal()).isEqualTo("Add word statistics to {{project}}: {{symbol1}}, {{symbol2}} and a "
                + "command-line entry point");
        assertThat(plan.parameters()).containsEntry("project", "textstats").containsEntry("file1", "textstats.py")
                .containsEntry("file2", "tests/test_textstats.py").containsEntry("symbol1", "word_count");
        assertThat(plan.steps().get(0).instructions()).startsWith("In {{file1}} add {{symbol1}}(text)");
        assertThat(data.checks()).containsExactly(check);
        assertThat(data.sourceSession()).isEqualTo(session);
        assertThat(doc.metadata()).containsEntry(RatchetSkill.VERSION, "1");
        assertThat(doc.body()).contains("## Steps").contains("## Checks").contains("## Guardrails");

        Map<String, String> hash = redis.hash(String.class).hgetall(RedisKeys.skill(name));
        assertThat(hash).containsEntry("name", name).containsEntry("status", "candidate")
                .containsEntry("latest", "1").containsEntry("origin", "captured").containsKey("shape");
        assertThat(redis.sortedSet(String.class).zscore(RedisKeys.SKILLS, name)).isPresent();
        assertThat(redis.set(String.class).sismember(RedisKeys.skillShape(hash.get("shape")), name)).isTrue();
    }

    @Test
    void theDemoRunThreeTimesLeavesOneSkillWithThreeStatistics() {
        Check check = Sessions.check("three-demos");
        List<String> sessions = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString());

        for (String session : sessions) {
            // each demo works on its own copy of the sample, so each session names another repository path
            kafka.send(Sessions.owned(redis, Sessions.completed(session, demoRepo(), Sessions.DEMO_GOAL, check)));
            skillOf(session);
        }

        String name = skillOf(sessions.get(0));
        assertThat(sessions.stream().map(this::skillOf)).containsOnly(name);
        given().get("/api/v1/skills/" + name).then().statusCode(200)
                .body("latest", equalTo(1))
                .body("versions", hasSize(1))
                .body("stats.captures", equalTo(3))
                .body("captures.sessionId", equalTo(sessions))
                .body("captures.version", equalTo(List.of(1, 1, 1)));
        assertThat(redis.hash(String.class).hlen(RedisKeys.skillCaptures(name))).isEqualTo(3);
    }

    @Test
    void nearDuplicatesFoldIntoOneSkill() {
        Check check = Sessions.check("near-duplicates");
        String textstats = UUID.randomUUID().toString();
        String wordy = UUID.randomUUID().toString();
        String wordyAgain = UUID.randomUUID().toString();
        String shorter = UUID.randomUUID().toString();
        String otherGoal = "Add word statistics to wordy: word_count, top_words and a command-line entry point";

        kafka.send(Sessions.owned(redis, Sessions.completed(textstats, "/home/dev/textstats", Sessions.DEMO_GOAL, check)));
        String name = skillOf(textstats);
        kafka.send(Sessions.owned(redis, Sessions.completed(wordy, "/home/dev/wordy", otherGoal, check)));
        kafka.send(Sessions.owned(redis, Sessions.completed(wordyAgain, "/srv/wordy", otherGoal, check)));

        assertThat(skillOf(wordy)).as("the same plan in another project").isEqualTo(name);
        assertThat(skillOf(wordyAgain)).isEqualTo(name);
        given().get("/api/v1/skills/" + name).then().statusCode(200)
                .body("latest", equalTo(2))
                .body("versions.source", equalTo(List.of(textstats, wordy)))
                .body("stats.captures", equalTo(3))
                .body("captures.version", equalTo(List.of(1, 2, 2)));
        String v2 = given().get("/api/v1/skills/" + name + "/SKILL.md").then().statusCode(200).extract().asString();
        assertThat(RatchetSkill.of(SkillDocument.parse(v2)).orElseThrow().plan().parameters())
                .containsEntry("project", "wordy");
        String v1 = given().queryParam("version", 1).get("/api/v1/skills/" + name + "/SKILL.md").then()
                .statusCode(200).extract().asString();
        assertThat(RatchetSkill.of(SkillDocument.parse(v1)).orElseThrow().plan().parameters())
                .containsEntry("project", "textstats");

        SessionCompleted full = Sessions.completed(shorter, "/home/dev/textstats", Sessions.DEMO_GOAL, check);
        SessionCompleted.Payload p = full.payload();
        kafka.send(Sessions.owned(redis, SessionCompleted.of(shorter, full.occurredAt(), new SessionCompleted.Payload(
                p.repo(), p.goal(), p.baseCommit(), p.steps().subList(0, 2), p.checks(), p.guardrails(), p.usage(),
                p.durationMs()))));
        assertThat(skillOf(shorter)).as("another plan is another skill").isNotEqualTo(name)
                .startsWith(DEMO_NAME + "-");
    }

    @Test
    void createdAndFailedSessionsAreNotSkills() {
        String session = UUID.randomUUID().toString();
        kafka.send(Sessions.created(session, Sessions.DEMO_GOAL));
        SessionFailed failed = Sessions.failed(session, Sessions.DEMO_GOAL);
        kafka.send(failed);

        kafka.awaitHandled(GROUP, record(failed.eventId()), WAIT);
        assertThat(redis.hash(String.class).hget(RedisKeys.SKILL_SESSIONS, session)).isNull();
        assertThat(kafka.records(Topics.deadLetter(Topics.SESSIONS_EVENTS)))
                .noneMatch(r -> session.equals(r.key()));
    }

    @Test
    void aRedeliveredCompletionChangesNothing() {
        String session = UUID.randomUUID().toString();
        SessionCompleted completed = Sessions.completed(session, Sessions.REPO, Sessions.DEMO_GOAL,
                Sessions.check("redelivered"));
        kafka.send(Sessions.owned(redis, completed));
        String name = skillOf(session);
        Map<String, String> before = redis.hash(String.class).hgetall(RedisKeys.skill(name));

        kafka.send(completed);
        List<ConsumerRecord<String, String>> copies = await().atMost(WAIT).until(
                () -> records(completed.eventId().toString()), records -> records.size() == 2);
        kafka.awaitHandled(GROUP, copies.get(1), WAIT);

        assertThat(redis.hash(String.class).hgetall(RedisKeys.skill(name))).isEqualTo(before);
        assertThat(redis.hash(String.class).hlen(RedisKeys.skillCaptures(name))).isEqualTo(1);
    }

    @Test
    void skillMdMetadataValuesAreYamlStrings() throws Exception {
        String session = UUID.randomUUID().toString();
        kafka.send(Sessions.owned(redis, Sessions.completed(session, Sessions.REPO, Sessions.DEMO_GOAL, Sessions.check("yaml"))));
        String skillMd = given().get("/api/v1/skills/" + skillOf(session) + "/SKILL.md").then().statusCode(200)
                .extract().asString();

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
