package dev.ratchet.simulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MainArgumentsTest {

    @Test
    void readsEveryOptionInBothSpellings(@TempDir Path dir) throws IOException {
        Path scenario = Files.writeString(dir.resolve("s.json"), "{\"name\": \"cli\", \"rules\": [{\"response\": {}}]}");

        SimulatorConfig config = MainArguments.parse(new String[] {"--scenario", scenario.toString(), "--host=0.0.0.0",
                "--port", "9999", "--tokens-per-second=250", "--ttft-ms", "7"});

        assertThat(config.scenario().name()).isEqualTo("cli");
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(9999);
        assertThat(config.tokensPerSecond()).isEqualTo(250);
        assertThat(config.timeToFirstToken()).isEqualTo(Duration.ofMillis(7));
    }

    @Test
    void defaultsToPort8090AndTheServerDefaults(@TempDir Path dir) throws IOException {
        Path scenario = Files.writeString(dir.resolve("s.json"), "{\"rules\": [{\"response\": {}}]}");

        SimulatorConfig config = MainArguments.parse(new String[] {"--scenario", scenario.toString()});

        assertThat(config.port()).isEqualTo(8090);
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.tokensPerSecond()).isEqualTo(1000);
        assertThat(config.timeToFirstToken()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void rejectsMissingScenarioAndUnknownOptions() {
        assertThatThrownBy(() -> MainArguments.parse(new String[] {"--port", "1"})).hasMessageContaining("--scenario FILE is required");
        assertThatThrownBy(() -> MainArguments.parse(new String[] {"--verbose"})).hasMessage("unknown option --verbose");
        assertThatThrownBy(() -> MainArguments.parse(new String[] {"--port"})).hasMessage("--port needs a value");
        assertThatThrownBy(() -> MainArguments.parse(new String[] {"--scenario", "x", "--port", "abc"}))
                .hasMessage("--port must be a number, was 'abc'");
    }
}
