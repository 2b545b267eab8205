package dev.ratchet.core.event;

/**
 * Kafka header names of the CloudEvents Kafka protocol binding, binary content mode (spec 3.2): attributes in
 * {@code ce_}-prefixed headers, the data as the record value, its media type in {@code content-type}.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }
}
