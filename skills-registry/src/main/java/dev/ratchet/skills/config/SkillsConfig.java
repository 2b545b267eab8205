package dev.ratchet.skills.config;

import dev.ratchet.core.skill.archive.ArchiveLimits;
import dev.ratchet.core.skill.trust.TrustPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The registry's bounds and decisions: uploads, embeddings, search, capture folding, trust. */
@ConfigMapping(prefix = "ratchet.skills")
public interface SkillsConfig {

    Archive archive();

    Embeddings embeddings();

    Search search();

    Capture capture();

    Trust trust();

    /** What an upload may unpack to (see {@link ArchiveLimits#DEFAULTS} for why these numbers). */
    interface Archive {

        @WithDefault("500")
        int maxFiles();

        /** 16 MiB inflated. */
        @WithDefault("16777216")
        long maxBytes();

        @WithDefault("100")
        int maxRatio();

        /** 1 MiB inflated before the ratio is judged. */
        @WithDefault("1048576")
        long ratioGraceBytes();

        /** 512 KiB. */
        @WithDefault("524288")
        int maxSkillMdBytes();

        default ArchiveLimits limits() {
            return new ArchiveLimits(maxFiles(), maxBytes(), maxRatio(), ratioGraceBytes(), maxSkillMdBytes());
        }
    }

    interface Embeddings {

        /** The local all-MiniLM-L6-v2 model (quantised, shipped in a jar); false: keyword search alone. */
        @WithDefault("true")
        boolean enabled();
    }

    interface Search {

        /** Share of meaning in the score, the rest keywords: on the labelled queries 0.5 ranked best (README). */
        @WithDefault("0.5")
        double semanticWeight();
    }

    interface Capture {

        /**
         * Mean word overlap of the steps (Jaccard) from which a capture with the same checks and step count folds
         * into an existing skill: 1 is the same plan, a reworded step of the demo scores about 0.6.
         */
        @WithDefault("0.5")
        double foldSimilarity();
    }

    interface Trust {

        /** Passing replays that make a skill trusted (K). */
        @WithDefault("3")
        int after();

        /** The last replays the pass rate is taken over (K). */
        @WithDefault("5")
        int window();

        /** Pass rate over the window under which a skill is degraded. */
        @WithDefault("0.6")
        double minPassRate();

        default TrustPolicy policy() {
            return new TrustPolicy(after(), window(), minPassRate());
        }
    }
}
