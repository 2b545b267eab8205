package dev.ratchet.executor.step;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.ratchet.core.event.StepExecuted;
import dev.ratchet.core.event.StepRequested;
import dev.ratchet.core.event.StepWork;
import dev.ratchet.core.guardrail.Guardrails;
import dev.ratchet.core.guardrail.GuardrailsUpdate;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.StepPolicy;
import dev.ratchet.runtime.work.OwnedWork;
import dev.ratchet.testing.KafkaProbe;
import dev.ratchet.testing.RedisSessions;
import dev.ratchet.testing.TextstatsSample;
import dev.ratchet.workspace.Git;
import io.quarkus.redis.datasource.RedisDataSource;

/**
 * A step whose tiny model answer makes a patch of megabytes: the scenario's model deletes a committed 2 MiB file.
 */
final class BigFileStep {

    static final int BIG_FILE_BYTES = 2 * 1024 * 1024;
    /** Deleting the 36,000-line file must pass the guardrails, so that the patch size limit is what judges it. */
    static final StepPolicy DELETES_BIG_FILES = new StepPolicy(Guardrails.DEFAULTS.merge(new GuardrailsUpdate(null,
            null, null, true, 100_000, 100_000, null)), StepPolicy.DEFAULT_MAX_TURNS);

    private BigFileStep() {
    }

    /** The sample with the big file committed, and the step that deletes it. */
    record BigFile(TextstatsSample sample, String baseCommit, StepWork work) {
    }

    /** The textstats sample plus a committed 2 MiB data file, and the step that deletes it. */
    static BigFile prepare() {
        TextstatsSample sample = TextstatsSample.create();
        try {
            Path data = Files.createDirectories(sample.repo.resolve("data"));
            StringBuilder text = new StringBuilder(BIG_FILE_BYTES + 100);
            for (int i = 0; text.length() < BIG_FILE_BYTES; i++) {
                text.append("row ").append(i).append(',').append("x".repeat(50)).append('\n');
            }
            Files.writeString(data.resolve("big.txt"), text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Git.run(sample.repo, "add", "-A");
        Git.run(sample.repo, "commit", "-q", "-m", "add a big data file");
        return new BigFile(sample, Git.headCommit(sample.repo),
                new StepWork(0, 0, 1, "Drop the big data file", "Delete data/big.txt.", "Drop the big data file"));
    }

    static StepExecuted execute(KafkaProbe kafka, RedisDataSource redis, OwnedWork owned, BigFile big) {
        String session = UUID.randomUUID().toString();
        RedisSessions.register(redis, Session.created(session, big.sample().repo.toString(), big.work().goal(),
                big.baseCommit(), List.of(TextstatsSample.UNIT_TESTS), DELETES_BIG_FILES, Instant.now()));
        StepRequested request = StepExecutionTest.request(session, "s1", 1, big.work(), List.of());
        return StepExecutionTest.answer(kafka, owned, request, kafka.send(request));
    }
}
