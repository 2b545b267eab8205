package dev.ratchet.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaseLossesTest {

    static final String REQUEST = "0f1e2d3c-4b5a-3968-8776-a5b4c3d2e1f0";

    @TempDir
    Path logs;

    @Test
    void bothReportsOfALostLeaseInAnExecutorsLogAreRead() throws Exception {
        Files.writeString(logs.resolve("executor-1.log"), String.join("\n",
                "2026-11-28 10:00:01,000 INFO  [io.quarkus] (main) executor-service started in 2.013s.",
                "2026-11-28 10:00:09,114 WARN  [dev.rat.run.wor.OwnedWork] (executor-steps-leases) executor-steps: "
                        + "lost the lease on 5b0e7c1e-0000-4000-8000-000000000001 executor:" + REQUEST
                        + "; its work is stopped and its result will not be sent",
                "2026-11-28 10:00:09,201 WARN  [dev.rat.run.mes.LeasedConsumer] (executor-steps-1) executor "
                        + REQUEST + ": the lease was lost while working; the result is thrown away", ""));
        Files.writeString(logs.resolve("executor-2.log"), "2026-11-28 10:00:01,000 INFO  [io.quarkus] started\n");
        Files.writeString(logs.resolve("verifier-service.log"), "WARN verifier-steps: lost the lease on s verifier:x\n");

        assertThat(LeaseLosses.read(logs)).containsExactly(new LeaseLoss("executor-1", "executor:" + REQUEST),
                new LeaseLoss("executor-1", "executor:" + REQUEST));
    }

    @Test
    void workThatFailedAndGaveItsLeaseUpCountsAsALeaseLoss() throws Exception {
        // As the chaos run of 2026-11-30 logged it: Redis restarted under the executor's blob write.
        Files.writeString(logs.resolve("executor-1.log"), "2026-11-30 19:34:12,502 ERROR [dev.rat.run.wor.OwnedWork] "
                + "(executor-steps-3) [  f5149f4295ab7116edfad55e60e1c14d] executor-steps: work on "
                + "4ca59254-2efd-4478-8be7-399cf65893ea executor:" + REQUEST + " failed; giving its lease up for another "
                + "instance: java.util.concurrent.CompletionException: java.net.SocketException: Connection reset\n");

        assertThat(LeaseLosses.read(logs)).containsExactly(new LeaseLoss("executor-1", "executor:" + REQUEST));
    }
}
