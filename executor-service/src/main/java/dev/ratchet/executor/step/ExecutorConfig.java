package dev.ratchet.executor.step;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ratchet.executor")
public interface ExecutorConfig {

    /** Upper bound on each of the executor model's answers, in tokens. */
    @WithDefault("4096")
    int maxOutputTokens();

    /** Steps this process works on at once; scale out by starting more processes (the same consumer group). */
    @WithDefault("4")
    int concurrency();

    /**
     * Largest patch a step may produce (1 MiB): a model rewriting or deleting a big file is refused with the size,
     * the limit and the biggest files, and the planner retries the step with that reason.
     */
    @WithDefault("1048576")
    long maxPatchBytes();

    /**
     * A step's token budget when its request names none, as a percentage of the model's context window: half, since
     * a model's quality drops well before its window is full and the answer needs room.
     */
    @WithDefault("50")
    int contextBudgetPercent();

    /** No step's budget may be more than this percentage of the window, whatever its request says. */
    @WithDefault("80")
    int contextHardStopPercent();

    /**
     * Files larger than this (256 KiB) are never read whole, for the prompt or by a tool: the model sees their path,
     * size and kind. A 150 MB data file once made every executor run out of memory.
     */
    @WithDefault("262144")
    long maxReadBytes();

    /** Wall time for all of one attempt's turns and checks (10 min: 8 turns of a 60 s model call and checks). */
    @WithDefault("10m")
    Duration attemptTimeout();

    /**
     * Output of a {@code run_check} kept for the model, head and tail together (8 KiB: the failing test and its
     * trace; the full 64 KiB is the verifier's).
     */
    @WithDefault("8192")
    int checkOutputBytes();

    /**
     * How step requests reach the executors: {@code share-group} (the default) reads {@code ratchet.steps.requested}
     * as a queue, the next request going to whichever executor has a free slot; {@code partitions} is the consumer
     * group of earlier releases, each executor owning fixed partitions (kept for one release).
     */
    @WithDefault("share-group")
    Dispatch dispatch();

    /**
     * The delivery of a step request at which the share-group input dead-letters it instead of working on it: 5, the
     * broker's {@code group.share.delivery.count.limit} default (past it the broker drops the record without a
     * dead letter, so this must not be larger). A delivery is counted each time an executor acquires the request
     * and stops or loses Redis before handing it to its pool.
     */
    @WithDefault("5")
    int shareDeliveryLimit();

    enum Dispatch {
        SHARE_GROUP,
        PARTITIONS
    }
}
