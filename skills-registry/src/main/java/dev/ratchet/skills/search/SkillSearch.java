package dev.ratchet.skills.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.skill.RatchetSkill;
import dev.ratchet.core.skill.SkillFolder;
import dev.ratchet.core.skill.search.SearchDocument;
import dev.ratchet.core.skill.search.SearchHit;
import dev.ratchet.core.skill.search.SkillRanker;
import dev.ratchet.skills.config.SkillsConfig;
import dev.ratchet.skills.store.SkillRecord;
import dev.ratchet.skills.store.SkillStore;
import dev.ratchet.skills.store.StoredEmbedding;

/**
 * Ranked search over every skill's latest version (core {@link SkillRanker}: BM25 and, when switched on, the
 * embeddings). The index is held in memory and read again from Redis whenever {@code ratchet:skills:generation}
 * moved, so every replica answers from the current skills; a skill stored while embeddings were off gets its
 * embedding when the index is next read.
 */
@ApplicationScoped
public class SkillSearch {

    private static final int PAGE = 500;

    private final SkillStore store;
    private final SkillEmbeddings embeddings;
    private final SkillRanker ranker;
    private volatile Index index = new Index(-1, List.of());

    SkillSearch(SkillStore store, SkillEmbeddings embeddings, SkillsConfig config) {
        this.store = store;
        this.embeddings = embeddings;
        this.ranker = new SkillRanker(config.search().semanticWeight());
    }

    /** One skill as search sees it: its record, its latest folder, Ratchet's data if it has any. */
    public record Entry(SkillRecord record, SkillFolder folder, Optional<RatchetSkill> ratchet, SearchDocument doc) {
    }

    private record Index(long generation, List<Entry> entries) {
    }

    /** A hit with the skill it is about. */
    public record Found(SearchHit hit, Entry entry) {
    }

    /** {@code hybrid} when the query was embedded, else {@code keyword}. */
    public String mode() {
        return embeddings.enabled() ? "hybrid" : "keyword";
    }

    /** @param visible the skills the asker may see (its team's): the rest are not ranked at all */
    public List<Found> search(String query, int limit, Predicate<SkillRecord> visible) {
        List<Entry> entries = entries().stream().filter(e -> visible.test(e.record())).toList();
        float[] vector = embeddings.embed(query).orElse(null);
        Map<String, Entry> byName = entries.stream().collect(Collectors.toMap(e -> e.record().name(),
                Function.identity()));
        return ranker.rank(query, vector, entries.stream().map(Entry::doc).toList(), limit).stream()
                .map(hit -> new Found(hit, byName.get(hit.name()))).toList();
    }

    List<Entry> entries() {
        long generation = store.generation();
        Index current = index;
        if (current.generation() != generation) {
            current = new Index(generation, load());
            index = current;
        }
        return current.entries();
    }

    private List<Entry> load() {
        List<Entry> entries = new ArrayList<>();
        String after = null;
        for (List<String> page = store.names(null, PAGE); !page.isEmpty(); page = store.names(after, PAGE)) {
            for (String name : page) {
                store.find(name).ifPresent(record -> store.folder(name, record.latest())
                        .ifPresent(folder -> entries.add(entry(record, folder))));
            }
            after = page.get(page.size() - 1);
        }
        return List.copyOf(entries);
    }

    private Entry entry(SkillRecord record, SkillFolder folder) {
        String name = record.name();
        Optional<StoredEmbedding> stored = store.embedding(name);
        Optional<StoredEmbedding> embedding = embeddings.embedding(folder.document(), stored);
        if (embedding.isPresent() && !embedding.equals(stored)) {
            store.putEmbedding(name, embedding.get());
        }
        Optional<RatchetSkill> ratchet = ratchet(folder);
        return new Entry(record, folder, ratchet, new SearchDocument(name, folder.document().description(),
                folder.document().body(), embedding.map(StoredEmbedding::vector).orElse(null)));
    }

    /** Ratchet's data, when the skill has valid data (an uploaded skill may carry a broken plan: then none). */
    private static Optional<RatchetSkill> ratchet(SkillFolder folder) {
        try {
            return RatchetSkill.of(folder.document());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
