package dev.ratchet.skills.store;

import dev.ratchet.core.json.Json;
import dev.ratchet.core.skill.search.Vectors;

/**
 * A skill's embedding as kept in {@code ratchet:skill:{name}:embedding}: the model that made it and the digest of
 * the text it embedded, so that a changed description or another model makes a new one.
 */
public record StoredEmbedding(String model, String digest, float[] vector) {

    private record Stored(String model, String digest, String vector) {
    }

    String json() {
        return Json.write(new Stored(model, digest, Vectors.encode(vector)));
    }

    static StoredEmbedding of(String json) {
        Stored s = Json.read(json, Stored.class);
        return new StoredEmbedding(s.model(), s.digest(), Vectors.decode(s.vector()));
    }
}
