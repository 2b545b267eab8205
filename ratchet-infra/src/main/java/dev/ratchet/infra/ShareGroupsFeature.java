package dev.ratchet.infra;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.clients.admin.FeatureUpdate;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.UpdateFeaturesOptions;

/**
 * Turns share groups on for a broker whose log directory was formatted before Kafka 4.2 (a {@code ./ratchet up}
 * data directory from an earlier release keeps its metadata version: formatting is skipped when it is formatted
 * already, so {@code share.version} stays 0 and the executors' share group could not join). Raises
 * {@code metadata.version} and {@code share.version} to what the broker supports, as {@code kafka-features.sh
 * upgrade} would; a broker that has them already is left alone.
 */
public final class ShareGroupsFeature {

    static final String SHARE_VERSION = "share.version";
    static final String METADATA_VERSION = "metadata.version";

    private ShareGroupsFeature() {
    }

    /** @return whether anything was upgraded */
    public static boolean ensure(String bootstrapServers, Duration timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers, "request.timeout.ms",
                (int) timeout.toMillis(), "default.api.timeout.ms", (int) timeout.toMillis()))) {
            FeatureMetadata features = admin.describeFeatures().featureMetadata().get(timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            if (level(features, SHARE_VERSION) >= 1) {
                return false;
            }
            Map<String, FeatureUpdate> updates = new HashMap<>();
            short metadata = features.supportedFeatures().get(METADATA_VERSION).maxVersion();
            if (level(features, METADATA_VERSION) < metadata) {
                updates.put(METADATA_VERSION, new FeatureUpdate(metadata, FeatureUpdate.UpgradeType.UPGRADE));
            }
            updates.put(SHARE_VERSION, new FeatureUpdate((short) 1, FeatureUpdate.UpgradeType.UPGRADE));
            admin.updateFeatures(updates, new UpdateFeaturesOptions()).all().get(timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            return true;
        }
    }

    static short level(FeatureMetadata features, String feature) {
        FinalizedVersionRange range = features.finalizedFeatures().get(feature);
        return range == null ? 0 : range.maxVersionLevel();
    }
}
