package dev.ratchet.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import dev.ratchet.core.event.EventCodec;
import dev.ratchet.core.event.PoisonEventException;
import dev.ratchet.core.event.RatchetEvent;

class PoisonRecordsTest {

    @Test
    void everyKindOnEveryInputTopicCarriesItsMarkerAndIsRefusedByTheServicesDecoding() {
        int n = 0;
        for (String topic : FaultSchedule.INPUT_TOPICS) {
            for (PoisonRecords.Kind kind : PoisonRecords.Kind.values()) {
                String marker = PoisonRecords.marker(-42, ++n);
                ProducerRecord<String, String> record = PoisonRecords.record(topic, kind, marker);

                assertThat(record.topic()).isEqualTo(topic);
                assertThat(record.key()).isEqualTo(marker);
                assertThat(record.value()).contains(marker);
                Map<String, String> headers = headers(record);
                if (kind == PoisonRecords.Kind.MISROUTED_TYPE) {
                    RatchetEvent event = EventCodec.decode(headers, record.value());
                    assertThat(event.eventType().topic()).as("a valid event of another topic's type")
                            .isNotEqualTo(topic);
                } else {
                    assertThatThrownBy(() -> EventCodec.decode(headers, record.value()))
                            .isInstanceOf(PoisonEventException.class);
                }
                assertThat(headers.isEmpty()).isEqualTo(kind == PoisonRecords.Kind.NO_HEADERS);
            }
        }
    }

    @Test
    void noMarkerIsTheBeginningOfAnother() {
        assertThat(PoisonRecords.marker(7, 1)).isEqualTo("chaos-poison-7-001");
        assertThat(PoisonRecords.marker(7, 12)).doesNotStartWith(PoisonRecords.marker(7, 1));
    }

    private static Map<String, String> headers(ProducerRecord<String, String> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}
