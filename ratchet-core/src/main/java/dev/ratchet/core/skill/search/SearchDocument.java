package dev.ratchet.core.skill.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What search knows of one skill: its name and description (what agents read first), the rest of its text, and
 * its embedding (null when there is none: embeddings switched off, or the skill stored before they were on).
 */
public record SearchDocument(String name, String description, String text, float[] vector) {

    /** Name words count three times and the description's twice: they say what the skill is for. */
    List<String> terms() {
        List<String> terms = new ArrayList<>();
        List<String> name = Words.terms(this.name);
        List<String> description = Words.terms(this.description);
        terms.addAll(Collections.nCopies(3, name).stream().flatMap(List::stream).toList());
        terms.addAll(description);
        terms.addAll(description);
        terms.addAll(Words.terms(text));
        return terms;
    }
}
