package dev.ratchet.core.checks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import dev.ratchet.core.event.Check;

/**
 * Where a session's checks come from, decided once when it is created: the request's, else the repository's
 * VERIFY.md ({@link VerifyMd}), else the test command its AGENTS.md documents ({@link AgentsMd}), both read at the
 * base commit. Stored with the session, so a step can never change what judges it.
 */
public record SessionChecks(Source source, List<Check> checks) {

    public enum Source {
        REQUEST("the request"), VERIFY_MD(VerifyMd.FILE), AGENTS_MD(AgentsMd.FILE), NONE("nowhere");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        /** Where the checks were found, in words. */
        public String label() {
            return label;
        }

        /** How a validation error names the checks of this source: {@code checks} or {@code VERIFY.md checks}. */
        public String field() {
            return this == VERIFY_MD || this == AGENTS_MD ? label + " checks" : "checks";
        }

        /** How a validation error names one check: {@code checks[0]} or {@code VERIFY.md checks[0]}. */
        public String field(int index) {
            return field() + "[" + index + "]";
        }
    }

    /** A request may hold null checks; they stay, for the validator to name. */
    public SessionChecks {
        checks = Collections.unmodifiableList(new ArrayList<>(checks));
    }

    /**
     * @param requested the request's checks (null or empty for none)
     * @param verifyMd the repository's VERIFY.md at the base commit, read only when the request has no checks
     * @param agentsMd its AGENTS.md, read only when neither the request nor VERIFY.md has checks
     * @throws CheckFileException when VERIFY.md declares checks that cannot be read
     */
    public static SessionChecks choose(List<Check> requested, Supplier<Optional<String>> verifyMd,
            Supplier<Optional<String>> agentsMd) {
        if (requested != null && !requested.isEmpty()) {
            return new SessionChecks(Source.REQUEST, requested);
        }
        List<Check> declared = verifyMd.get().map(VerifyMd::checks).orElse(List.of());
        if (!declared.isEmpty()) {
            return new SessionChecks(Source.VERIFY_MD, declared);
        }
        return agentsMd.get().flatMap(AgentsMd::testCheck)
                .map(check -> new SessionChecks(Source.AGENTS_MD, List.of(check)))
                .orElseGet(() -> new SessionChecks(Source.NONE, List.of()));
    }
}
